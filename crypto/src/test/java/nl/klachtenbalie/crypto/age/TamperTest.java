package nl.klachtenbalie.crypto.age;

import static nl.klachtenbalie.crypto.age.TestFiles.CHUNK;
import static nl.klachtenbalie.crypto.age.TestFiles.RANDOM;
import static nl.klachtenbalie.crypto.age.TestFiles.attempt;
import static nl.klachtenbalie.crypto.age.TestFiles.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.klachtenbalie.crypto.age.format.Header;
import nl.klachtenbalie.crypto.age.format.Stanza;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Damage to each region of a three-chunk file is reported with the right kind, and only
 * plaintext of chunks before the damage is released.
 */
class TamperTest {

    private static final int ENCRYPTED_CHUNK = CHUNK + 16;

    private final X25519Identity alice = X25519Identity.generate(RANDOM);
    private final X25519Identity bob = X25519Identity.generate(RANDOM);
    private byte[] plaintext;
    private byte[] file;
    private Header header;
    private int headerLength;

    @BeforeEach
    void encrypt() throws IOException {
        plaintext = randomBytes(2 * CHUNK + 500);
        file = new AgeEncrypter(RANDOM).encrypt(plaintext, List.of(alice.recipient(), bob.recipient()));
        header = Header.parse(new ByteArrayInputStream(file)).header();
        headerLength = header.encode().length;
    }

    private TestFiles.Outcome asAlice(byte[] damaged) {
        return attempt(damaged, false, List.of(alice));
    }

    private byte[] flip(int offset) {
        byte[] copy = file.clone();
        copy[offset] ^= 0x01;
        return copy;
    }

    private int chunkStart(int index) {
        return headerLength + 16 + index * ENCRYPTED_CHUNK;
    }

    /** The file with its header replaced; the original MAC is kept unless {@code mac} is given. */
    private byte[] withHeader(List<Stanza> stanzas, byte[] mac) {
        byte[] newHeader = Header.withoutMac(stanzas).withMac(mac == null ? header.mac() : mac).encode();
        byte[] rest = Arrays.copyOfRange(file, headerLength, file.length);
        byte[] out = Arrays.copyOf(newHeader, newHeader.length + rest.length);
        System.arraycopy(rest, 0, out, newHeader.length, rest.length);
        return out;
    }

    private static Stanza flipBody(Stanza s) {
        byte[] body = s.body();
        body[3] ^= 0x01;
        return new Stanza(s.type(), s.args(), body);
    }

    private void expect(AgeException.Kind kind, int released, byte[] damaged) {
        TestFiles.Outcome outcome = asAlice(damaged);
        assertEquals(kind, outcome.failure());
        assertArrayEquals(Arrays.copyOf(plaintext, released), outcome.released());
    }

    @Test
    void untouchedFileDecrypts() {
        expect(null, plaintext.length, file);
    }

    @Test
    void headerDamage() {
        List<Stanza> stanzas = header.stanzas();
        expect(AgeException.Kind.HEADER, 0, flip(0));
        expect(AgeException.Kind.NO_MATCH, 0, withHeader(List.of(flipBody(stanzas.get(0)), stanzas.get(1)), null));
        // Alice still unwraps her stanza, so only the MAC can notice Bob's was altered.
        expect(AgeException.Kind.HMAC, 0, withHeader(List.of(stanzas.get(0), flipBody(stanzas.get(1))), null));
        List<Stanza> grease = new ArrayList<>(stanzas);
        grease.add(new Stanza("grease", List.of("x"), new byte[0]));
        expect(AgeException.Kind.HMAC, 0, withHeader(grease, null));
        byte[] mac = header.mac();
        mac[31] ^= 0x01;
        expect(AgeException.Kind.HMAC, 0, withHeader(stanzas, mac));
        Stanza renamed = new Stanza("x25519", stanzas.get(0).args(), stanzas.get(0).body());
        expect(AgeException.Kind.NO_MATCH, 0, withHeader(List.of(renamed, stanzas.get(1)), null));
        Stanza extraArg = new Stanza("X25519", List.of(stanzas.get(0).args().get(0), "x"), stanzas.get(0).body());
        expect(AgeException.Kind.HEADER, 0, withHeader(List.of(extraArg, stanzas.get(1)), null));
    }

    @Test
    void nonceAndPayloadDamage() {
        expect(AgeException.Kind.HEADER, 0, Arrays.copyOf(file, headerLength + 15));
        expect(AgeException.Kind.PAYLOAD, 0, Arrays.copyOf(file, headerLength + 16));
        expect(AgeException.Kind.PAYLOAD, 0, flip(headerLength + 5));
        expect(AgeException.Kind.PAYLOAD, 0, flip(chunkStart(0) + 100));
        expect(AgeException.Kind.PAYLOAD, CHUNK, flip(chunkStart(1) + 100));
        expect(AgeException.Kind.PAYLOAD, 2 * CHUNK, flip(file.length - 1));
    }

    @Test
    void truncationAndExtension() {
        // Cut at a chunk boundary: the second chunk was not marked last.
        expect(AgeException.Kind.PAYLOAD, 2 * CHUNK, Arrays.copyOf(file, chunkStart(2)));
        expect(AgeException.Kind.PAYLOAD, 2 * CHUNK, Arrays.copyOf(file, file.length - 1));
        expect(AgeException.Kind.PAYLOAD, 2 * CHUNK, Arrays.copyOf(file, chunkStart(2) + 10));
        expect(AgeException.Kind.PAYLOAD, 2 * CHUNK, Arrays.copyOf(file, file.length + 1));
    }

    @Test
    void reorderedChunksAreRejected() {
        byte[] swapped = file.clone();
        System.arraycopy(file, chunkStart(1), swapped, chunkStart(0), ENCRYPTED_CHUNK);
        System.arraycopy(file, chunkStart(0), swapped, chunkStart(1), ENCRYPTED_CHUNK);
        expect(AgeException.Kind.PAYLOAD, 0, swapped);
    }

    @Test
    void armoredDamage() {
        byte[] armored = new AgeEncrypter(RANDOM).encryptArmored(plaintext, List.of(alice.recipient()));
        String text = new String(armored, StandardCharsets.US_ASCII);
        assertEquals(null, attempt(armored, true, List.of(alice)).failure());

        String noEnd = text.substring(0, text.indexOf("-----END"));
        assertEquals(AgeException.Kind.ARMOR, attempt(ascii(noEnd), true, List.of(alice)).failure());
        assertEquals(AgeException.Kind.ARMOR, attempt(ascii(text + "garbage\n"), true, List.of(alice)).failure());
        assertEquals(AgeException.Kind.ARMOR, attempt(ascii(text.replaceFirst("\n", "\n\n")), true, List.of(alice)).failure());

        // A character changed in the middle of a full line far into the payload keeps valid base64.
        int line = text.length() / 2;
        int at = text.indexOf('\n', line) - 30;
        char[] chars = text.toCharArray();
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        assertEquals(AgeException.Kind.PAYLOAD, attempt(ascii(new String(chars)), true, List.of(alice)).failure());
        chars[at] = '\r';
        assertEquals(AgeException.Kind.ARMOR, attempt(ascii(new String(chars)), true, List.of(alice)).failure());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
