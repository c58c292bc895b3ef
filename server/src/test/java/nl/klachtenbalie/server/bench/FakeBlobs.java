package nl.klachtenbalie.server.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import nl.klachtenbalie.server.blob.AgeBlobPolicy;

/** Age-shaped blobs of an exact padded bucket (one X25519 stanza), as the server's blob rule wants. */
final class FakeBlobs {
    private FakeBlobs() {
    }

    static byte[] fake(int bucket, long seed) {
        Random r = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = "age-encryption.org/v1\n-> X25519 " + b64(r, 32) + "\n" + b64(r, 32) + "\n--- " + b64(r, 32) + "\n";
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        byte[] payload = new byte[(int) AgeBlobPolicy.payloadSize(bucket)];
        r.nextBytes(payload);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static String b64(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }
}
