package nl.klachtenbalie.crypto.event;

import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.util.encoders.Hex;

/**
 * {@code H(blob)} of protocol §7: the lower-case hex SHA-256 of an event's stored age file bytes —
 * the ciphertext exactly as the server lists it — so the reporter, the desk and the server compute
 * the same value without decrypting. Signed payloads refer to other events by this hash.
 */
public final class EventHash {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private EventHash() {
    }

    /** The hash of a stored age file. */
    public static String of(byte[] ageFileBytes) {
        SHA256Digest sha = new SHA256Digest();
        sha.update(ageFileBytes, 0, ageFileBytes.length);
        byte[] out = new byte[32];
        sha.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    /** True for the one spelling of a hash: 64 lower-case hex characters. */
    public static boolean isHash(String s) {
        return s != null && HEX64.matcher(s).matches();
    }
}
