package nl.klachtenbalie.crypto.age;

import java.util.Arrays;
import nl.klachtenbalie.crypto.age.format.Header;

/** The header MAC: HMAC-SHA-256 under HKDF-SHA-256(file key, salt = "", info = "header"). */
final class HeaderMac {

    private HeaderMac() {
    }

    static byte[] compute(byte[] fileKey, Header header) {
        byte[] macKey = Primitives.hkdfSha256(fileKey, new byte[0], "header");
        try {
            return Primitives.hmacSha256(macKey, header.encodeWithoutMac());
        } finally {
            Arrays.fill(macKey, (byte) 0);
        }
    }

    /** Constant-time check, so the comparison leaks nothing about how much of a forged MAC was right. */
    static boolean verify(byte[] fileKey, Header header) {
        return org.bouncycastle.util.Arrays.constantTimeAreEqual(compute(fileKey, header), header.mac());
    }
}
