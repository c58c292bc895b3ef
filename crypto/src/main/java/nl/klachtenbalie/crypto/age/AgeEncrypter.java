package nl.klachtenbalie.crypto.age;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.klachtenbalie.crypto.age.armor.ArmorWriter;
import nl.klachtenbalie.crypto.age.format.Header;
import nl.klachtenbalie.crypto.age.format.Stanza;
import nl.klachtenbalie.crypto.age.stream.PayloadKey;
import nl.klachtenbalie.crypto.age.stream.StreamWriter;

/**
 * Encrypts age v1 files.
 *
 * <p>Thread-safe if the injected {@link SecureRandom} is (the JDK's are). Every file gets a fresh
 * random file key and payload nonce from it; nothing else is random.
 */
public final class AgeEncrypter {

    private final SecureRandom random;

    public AgeEncrypter(SecureRandom random) {
        this.random = Objects.requireNonNull(random);
    }

    /**
     * Writes the header to {@code out} and returns the stream to write the plaintext to.
     *
     * <p>The returned stream must be closed: closing writes the final chunk and closes
     * {@code out}. An unclosed file is truncated and will not decrypt.
     *
     * @throws IllegalArgumentException if there are no recipients or they may not be mixed
     *     (a passphrase recipient with anything else; recipients with different labels)
     */
    public OutputStream encrypt(OutputStream out, List<? extends Recipient> recipients) throws IOException {
        byte[] fileKey = new byte[Primitives.FILE_KEY_SIZE];
        random.nextBytes(fileKey);
        try {
            Header header = wrapAll(fileKey, recipients);
            out.write(header.withMac(HeaderMac.compute(fileKey, header)).encode());
            byte[] nonce = new byte[PayloadKey.NONCE_SIZE];
            random.nextBytes(nonce);
            out.write(nonce);
            byte[] payloadKey = PayloadKey.derive(fileKey, nonce);
            try {
                return new StreamWriter(payloadKey, out);
            } finally {
                Arrays.fill(payloadKey, (byte) 0);
            }
        } finally {
            Arrays.fill(fileKey, (byte) 0);
        }
    }

    /** As {@link #encrypt(OutputStream, List)}, wrapped in the ASCII armor. */
    public OutputStream encryptArmored(OutputStream out, List<? extends Recipient> recipients) throws IOException {
        return encrypt(new ArmorWriter(out), recipients);
    }

    /** Encrypts a small in-memory plaintext to a binary age file. */
    public byte[] encrypt(byte[] plaintext, List<? extends Recipient> recipients) {
        return encryptToBytes(plaintext, recipients, false);
    }

    /** Encrypts a small in-memory plaintext to an armored age file (ASCII, LF line endings). */
    public byte[] encryptArmored(byte[] plaintext, List<? extends Recipient> recipients) {
        return encryptToBytes(plaintext, recipients, true);
    }

    private byte[] encryptToBytes(byte[] plaintext, List<? extends Recipient> recipients, boolean armored) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(plaintext.length + 512);
        try (OutputStream w = armored ? encryptArmored(buffer, recipients) : encrypt(buffer, recipients)) {
            w.write(plaintext);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return buffer.toByteArray();
    }

    private Header wrapAll(byte[] fileKey, List<? extends Recipient> recipients) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
        List<Stanza> stanzas = new ArrayList<>();
        Set<String> labels = null;
        for (Recipient recipient : recipients) {
            WrappedFileKey wrapped = recipient.wrap(fileKey, random);
            if (labels == null) {
                labels = wrapped.labels();
            } else if (!labels.equals(wrapped.labels())) {
                throw new IllegalArgumentException(
                        "incompatible recipients: a passphrase must be the only recipient,"
                                + " and post-quantum and classic recipients may not be mixed");
            }
            stanzas.addAll(wrapped.stanzas());
        }
        return Header.withoutMac(stanzas);
    }
}
