package nl.klachtenbalie.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import nl.klachtenbalie.server.blob.AgeBlobPolicy;

/** Fake age files: a well-formed header with one X25519 stanza and a payload of the exact padded size. */
final class Blobs {
    private Blobs() {
    }

    static byte[] fake(int bucket, byte[] marker, long seed) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = "age-encryption.org/v1\n-> X25519 " + b64(r, 32) + "\n" + b64(r, 32) + "\n--- " + b64(r, 32) + "\n";
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        byte[] payload = new byte[(int) AgeBlobPolicy.payloadSize(bucket)];
        r.nextBytes(payload);
        if (marker != null) {
            for (int i = 0; i + marker.length <= payload.length; i += 997) {
                System.arraycopy(marker, 0, payload, i, marker.length);
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] fake(int bucket) {
        return fake(bucket, null, bucket);
    }

    /**
     * A fake age file as big as a post-quantum one can be: {@code stanzas} hybrid
     * ({@code mlkem768x25519}, 1557 header bytes each) stanzas, e.g. 65 for 64 members and the reporter.
     */
    static byte[] fakeHybrid(int bucket, int stanzas, long seed) {
        Random r = new Random(seed);
        StringBuilder header = new StringBuilder("age-encryption.org/v1\n");
        for (int i = 0; i < stanzas; i++) {
            header.append("-> mlkem768x25519 ").append(b64(r, 1120)).append('\n').append(b64(r, 32)).append('\n');
        }
        header.append("--- ").append(b64(r, 32)).append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        byte[] payload = new byte[(int) AgeBlobPolicy.payloadSize(bucket)];
        r.nextBytes(payload);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static String b64(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }
}
