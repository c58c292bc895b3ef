package nl.klachtenbalie.crypto.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.klachtenbalie.crypto.encoding.Bech32;
import nl.klachtenbalie.crypto.encoding.StrictBase64;
import org.junit.jupiter.api.Test;

/** The encodings age keys and headers rely on (they live in crypto.encoding). */
class EncodingTest {

    @Test
    void bech32AcceptsTheBip173ValidStrings() {
        for (String s : List.of("A12UEL5L", "a12uel5l",
                "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
                "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
                "11" + "q".repeat(82) + "c8247j",
                "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w")) {
            Bech32.Decoded d = Bech32.decode(s);
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            assertEquals(lower.substring(0, lower.lastIndexOf('1')), d.hrp());
        }
    }

    @Test
    void bech32RejectsTheBip173InvalidStrings() {
        for (String s : List.of(" 1nwldj5", "\u007f1axkwrx", "\u00801eym55h", "pzry9x0s0muk", "1pzry9x0s0muk",
                "x1b4n0q5v", "li1dgmt3", "de1lg7wt\u00ff", "A1G7SGD8", "10a06t8", "1qzzfhee", "a12UEL5L")) {
            assertThrows(IllegalArgumentException.class, () -> Bech32.decode(s), s);
        }
    }

    @Test
    void bech32RoundTripsAndRejectsNonZeroPadding() {
        byte[] data = new byte[32];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        String s = Bech32.encode("age", data);
        assertArrayEquals(data, Bech32.decode(s).data());
        assertArrayEquals(data, Bech32.decode(s.toUpperCase(java.util.Locale.ROOT)).data());
        // Two 5-bit groups carry 10 bits: one byte and two padding bits, which must be zero.
        assertArrayEquals(new byte[] {(byte) 0xff}, Bech32.decode(withChecksum("a", 31, 28)).data());
        assertThrows(IllegalArgumentException.class, () -> Bech32.decode(withChecksum("a", 31, 29)));
        assertThrows(IllegalArgumentException.class, () -> Bech32.decode(withChecksum("a", 31, 30)));
    }

    /** A Bech32 string from raw 5-bit values, with the BIP 173 checksum computed independently. */
    private static String withChecksum(String hrp, int... values) {
        String charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        java.util.List<Integer> all = new java.util.ArrayList<>();
        for (char c : hrp.toCharArray()) {
            all.add(c >> 5);
        }
        all.add(0);
        for (char c : hrp.toCharArray()) {
            all.add(c & 31);
        }
        for (int v : values) {
            all.add(v);
        }
        for (int i = 0; i < 6; i++) {
            all.add(0);
        }
        int chk = 1;
        for (int v : all) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ v;
            for (int i = 0; i < 5; i++) {
                if ((top >> i & 1) == 1) {
                    chk ^= gen[i];
                }
            }
        }
        chk ^= 1;
        StringBuilder sb = new StringBuilder(hrp).append('1');
        for (int v : values) {
            sb.append(charset.charAt(v));
        }
        for (int i = 0; i < 6; i++) {
            sb.append(charset.charAt(chk >>> 5 * (5 - i) & 31));
        }
        return sb.toString();
    }

    @Test
    void strictBase64AcceptsOnlyCanonicalSpellings() {
        byte[] bytes = "any carnal pleas".getBytes(StandardCharsets.US_ASCII);
        String unpadded = StrictBase64.encodeUnpadded(bytes);
        String padded = StrictBase64.encodePadded(bytes);
        assertArrayEquals(bytes, StrictBase64.decodeUnpadded(unpadded));
        assertArrayEquals(bytes, StrictBase64.decodePadded(padded));
        assertThrows(IllegalArgumentException.class, () -> StrictBase64.decodeUnpadded(padded));
        assertThrows(IllegalArgumentException.class, () -> StrictBase64.decodePadded(unpadded));
        // "YQ" is "a"; "YR" has non-zero trailing bits and must not also mean "a".
        assertArrayEquals(new byte[] {'a'}, StrictBase64.decodeUnpadded("YQ"));
        for (String bad : List.of("YR", "Y", "YQ\n", "Y Q", "YQ\r", "Y-", "Y_", "YQ=")) {
            assertThrows(IllegalArgumentException.class, () -> StrictBase64.decodeUnpadded(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> StrictBase64.decodePadded("YR=="));
        assertThrows(IllegalArgumentException.class, () -> StrictBase64.decodePadded("YQ="));
        assertArrayEquals(new byte[0], StrictBase64.decodeUnpadded(""));
    }
}
