package nl.klachtenbalie.crypto.encoding;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 (BIP 173) as age uses it for keys: {@code age1…} recipients and {@code AGE-SECRET-KEY-1…}
 * identities.
 *
 * <p>Unlike BIP 173 there is no 90-character limit, because age's post-quantum keys are far longer;
 * mixed case is rejected, as the specification demands, so one key has exactly one spelling.
 * Decoding is strict: bad checksum, invalid characters, non-zero padding bits and mixed case all
 * fail with {@link IllegalArgumentException}, never a partial result.
 */
public final class Bech32 {

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    /** A decoded string: the human-readable part (lower case) and the payload bytes. */
    public record Decoded(String hrp, byte[] data) {
        public Decoded {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    private Bech32() {
    }

    /** Encodes {@code data} under {@code hrp}; the result is lower case. */
    public static String encode(String hrp, byte[] data) {
        String lowerHrp = hrp.toLowerCase(Locale.ROOT);
        if (lowerHrp.isEmpty()) {
            throw new IllegalArgumentException("bech32: empty human-readable part");
        }
        for (char c : lowerHrp.toCharArray()) {
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("bech32: invalid character in human-readable part");
            }
        }
        byte[] values = convertBits(data, 8, 5, true);
        byte[] checksum = checksum(lowerHrp, values);
        StringBuilder sb = new StringBuilder(lowerHrp.length() + 1 + values.length + 6);
        sb.append(lowerHrp).append('1');
        for (byte v : values) {
            sb.append(CHARSET.charAt(v));
        }
        for (byte v : checksum) {
            sb.append(CHARSET.charAt(v));
        }
        return sb.toString();
    }

    /** Decodes a Bech32 string; both all-lower and all-upper case are accepted, mixed case is not. */
    public static Decoded decode(String s) {
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("bech32: invalid character");
            }
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            }
        }
        if (lower && upper) {
            throw new IllegalArgumentException("bech32: mixed case");
        }
        String str = s.toLowerCase(Locale.ROOT);
        int pos = str.lastIndexOf('1');
        if (pos < 1 || pos + 7 > str.length()) {
            throw new IllegalArgumentException("bech32: separator misplaced or data too short");
        }
        String hrp = str.substring(0, pos);
        byte[] values = new byte[str.length() - pos - 1];
        for (int i = 0; i < values.length; i++) {
            int d = CHARSET.indexOf(str.charAt(pos + 1 + i));
            if (d < 0) {
                throw new IllegalArgumentException("bech32: invalid data character");
            }
            values[i] = (byte) d;
        }
        if (polymod(hrpExpand(hrp), values) != 1) {
            throw new IllegalArgumentException("bech32: invalid checksum");
        }
        byte[] payload = new byte[values.length - 6];
        System.arraycopy(values, 0, payload, 0, payload.length);
        return new Decoded(hrp, convertBits(payload, 5, 8, false));
    }

    private static byte[] checksum(String hrp, byte[] values) {
        byte[] hrpValues = hrpExpand(hrp);
        byte[] padded = new byte[values.length + 6];
        System.arraycopy(values, 0, padded, 0, values.length);
        int mod = polymod(hrpValues, padded) ^ 1;
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
        }
        return out;
    }

    private static int polymod(byte[] hrpValues, byte[] values) {
        int chk = 1;
        for (byte[] part : new byte[][] {hrpValues, values}) {
            for (byte v : part) {
                int top = chk >>> 25;
                chk = ((chk & 0x1ffffff) << 5) ^ (v & 0xff);
                for (int i = 0; i < 5; i++) {
                    if (((top >>> i) & 1) == 1) {
                        chk ^= GENERATOR[i];
                    }
                }
            }
        }
        return chk;
    }

    private static byte[] hrpExpand(String hrp) {
        byte[] out = new byte[hrp.length() * 2 + 1];
        for (int i = 0; i < hrp.length(); i++) {
            out[i] = (byte) (hrp.charAt(i) >>> 5);
            out[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
        }
        return out;
    }

    private static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
        int acc = 0;
        int bits = 0;
        int maxv = (1 << to) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * from / to + 1);
        for (byte b : in) {
            int value = b & 0xff;
            if ((value >>> from) != 0) {
                throw new IllegalArgumentException("bech32: invalid data range");
            }
            acc = (acc << from) | value;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & maxv);
            }
        }
        if (pad) {
            if (bits > 0) {
                out.write((acc << (to - bits)) & maxv);
            }
        } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
            throw new IllegalArgumentException("bech32: non-zero padding");
        }
        return out.toByteArray();
    }
}
