package nl.klachtenbalie.crypto.age;

import static nl.klachtenbalie.crypto.age.TestFiles.RANDOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import nl.klachtenbalie.crypto.age.format.Header;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of valid files: every outcome must be success or an {@link AgeException} —
 * never a NullPointerException, IndexOutOfBounds or other runtime exception leaking from the
 * parser. And any header the parser accepts must re-encode to exactly the bytes it consumed.
 *
 * <p>The mutations come from a seeded {@link SplittableRandom} so a failure can be replayed from
 * the printed seed; the keys themselves still come from a SecureRandom.
 */
class MutationFuzzTest {

    private static final long SEED = 0x6b6c616368L;
    private static final byte[] INTERESTING = {' ', '\n', '\r', '-', '>', '=', 0, (byte) 0xff, 'A', '/', '+', '1', '9', '0'};

    private final X25519Identity alice = X25519Identity.generate(RANDOM);
    private final X25519Identity bob = X25519Identity.generate(RANDOM);
    private final List<Identity> identities = List.of(alice, new ScryptIdentity("pw".toCharArray(), 12));

    @Test
    void mutatedBinaryFilesFailOnlyWithAgeException() {
        AgeEncrypter enc = new AgeEncrypter(RANDOM);
        List<byte[]> seeds = List.of(
                enc.encrypt(TestFiles.randomBytes(100), List.of(alice.recipient(), bob.recipient())),
                enc.encrypt(TestFiles.randomBytes(100), List.of(bob.recipient(), alice.recipient(), bob.recipient())),
                enc.encrypt(new byte[0], List.of(new ScryptRecipient("pw".toCharArray(), 10))));
        assertEquals(List.of(), fuzz(seeds, false, 6000));
    }

    @Test
    void mutatedArmoredFilesFailOnlyWithAgeException() {
        AgeEncrypter enc = new AgeEncrypter(RANDOM);
        List<byte[]> seeds = List.of(
                enc.encryptArmored(TestFiles.randomBytes(100), List.of(alice.recipient(), bob.recipient())),
                enc.encryptArmored(TestFiles.randomBytes(1000), List.of(alice.recipient())));
        assertEquals(List.of(), fuzz(seeds, true, 3000));
    }

    @Test
    void acceptedHeadersReencodeToTheBytesRead() throws IOException {
        AgeEncrypter enc = new AgeEncrypter(RANDOM);
        byte[] original = enc.encrypt(new byte[10], List.of(alice.recipient(), bob.recipient()));
        int headerLength = Header.parse(new ByteArrayInputStream(original)).header().encode().length;
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < 20000; i++) {
            SplittableRandom r = new SplittableRandom(SEED + i);
            byte[] mutated = mutate(original, headerLength, r);
            try {
                Header.ParsedHeader parsed = Header.parse(new ByteArrayInputStream(mutated));
                int rest = parsed.payload().readAllBytes().length;
                byte[] encoded = parsed.header().encode();
                accepted++;
                if (encoded.length + rest != mutated.length
                        || !Arrays.equals(encoded, Arrays.copyOf(mutated, encoded.length))) {
                    failures.add("seed " + (SEED + i) + ": accepted header re-encodes differently");
                }
            } catch (AgeException e) {
                assertEquals(AgeException.Kind.HEADER, e.kind());
            } catch (IOException | RuntimeException e) {
                failures.add("seed " + (SEED + i) + ": " + e);
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(accepted > 100, "mutations should sometimes leave a valid header; got " + accepted);
    }

    private List<String> fuzz(List<byte[]> seeds, boolean armored, int iterations) {
        List<String> failures = new ArrayList<>();
        AgeDecrypter decrypter = new AgeDecrypter();
        for (int i = 0; i < iterations; i++) {
            SplittableRandom r = new SplittableRandom(SEED + i);
            byte[] original = seeds.get(i % seeds.size());
            // Aim most mutations at the header, where the parsing is.
            int focus = armored ? original.length : Math.min(original.length, 400);
            byte[] mutated = mutate(original, focus, r);
            try (InputStream in = armored
                    ? decrypter.decryptArmored(new ByteArrayInputStream(mutated), identities)
                    : decrypter.decrypt(new ByteArrayInputStream(mutated), identities)) {
                in.transferTo(new ByteArrayOutputStream());
            } catch (AgeException e) {
                // Expected for most mutations.
            } catch (IOException | RuntimeException e) {
                failures.add("seed " + (SEED + i) + ": " + e);
            }
        }
        return failures;
    }

    static byte[] mutate(byte[] input, int focus, SplittableRandom r) {
        byte[] b = input.clone();
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds && b.length > 0; k++) {
            int limit = Math.max(1, Math.min(focus, b.length));
            int pos = r.nextInt(limit);
            switch (r.nextInt(7)) {
                case 0 -> b[pos] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[pos] = INTERESTING[r.nextInt(INTERESTING.length)];
                case 2 -> b = splice(b, pos, Math.min(b.length, pos + 1 + r.nextInt(8)), new byte[0]);
                case 3 -> b = splice(b, pos, pos, new byte[] {INTERESTING[r.nextInt(INTERESTING.length)]});
                case 4 -> b = Arrays.copyOf(b, pos);
                case 5 -> {
                    int end = indexOf(b, (byte) '\n', pos);
                    int start = lastIndexOf(b, (byte) '\n', pos) + 1;
                    if (end > start) {
                        b = splice(b, end + 1, end + 1, Arrays.copyOfRange(b, start, end + 1));
                    }
                }
                default -> {
                    int from = r.nextInt(limit);
                    int len = 1 + r.nextInt(Math.min(16, b.length - from));
                    b = splice(b, pos, pos, Arrays.copyOfRange(b, from, from + len));
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte v, int from) {
        for (int i = Math.min(from, b.length - 1); i >= 0; i--) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
