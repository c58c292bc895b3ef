package nl.klachtenbalie.keys.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.klachtenbalie.crypto.age.AgeDecrypter;
import nl.klachtenbalie.crypto.age.AgeException;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.ScryptIdentity;
import nl.klachtenbalie.crypto.age.X25519Identity;
import nl.klachtenbalie.crypto.age.X25519Recipient;
import nl.klachtenbalie.crypto.age.armor.Armor;
import nl.klachtenbalie.crypto.age.format.Header;

/**
 * Reads identity and recipient files in the age tool's format: one key per line, {@code #}
 * comments and blank lines allowed. An identity file may itself be an age file encrypted to a
 * passphrase (as {@code age-keygen | age -p -a} makes); it is then decrypted in memory after
 * asking for the passphrase. Errors name the file and line but never repeat a secret line.
 */
final class KeyFiles {

    /** Key files are small; a bound keeps a wrong path (a disk image, /dev/zero) from exhausting memory. */
    private static final int MAX_KEY_FILE_BYTES = 1 << 20;
    private static final String PQ_IDENTITY_PREFIX = "AGE-SECRET-KEY-PQ-";

    private final PassphraseSource passphrases;

    KeyFiles(PassphraseSource passphrases) {
        this.passphrases = passphrases;
    }

    List<X25519Identity> readIdentities(Path file) throws IOException {
        byte[] content = readBounded(file);
        if (isAgeFile(content)) {
            content = decryptWithPassphrase(file, content);
        }
        List<X25519Identity> identities = new ArrayList<>();
        List<String> lines = lines(content);
        // Best effort: the lines are Strings and cannot be wiped, but the raw bytes can.
        Arrays.fill(content, (byte) 0);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (isCommentOrBlank(line)) {
                continue;
            }
            if (line.startsWith(PQ_IDENTITY_PREFIX)) {
                throw new CliException(file + " line " + (i + 1) + ": post-quantum identities are not supported yet");
            }
            try {
                identities.add(X25519Identity.parse(line));
            } catch (IllegalArgumentException e) {
                // The message of parse never contains the key; the line itself is not shown.
                throw new CliException(file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (identities.isEmpty()) {
            throw new CliException("no identities found in " + file);
        }
        return identities;
    }

    List<X25519Recipient> readRecipients(Path file) throws IOException {
        List<X25519Recipient> recipients = new ArrayList<>();
        List<String> lines = lines(readBounded(file));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!isCommentOrBlank(line)) {
                try {
                    recipients.add(parseRecipient(line));
                } catch (CliException e) {
                    throw new CliException(file + " line " + (i + 1) + ": " + e.getMessage());
                }
            }
        }
        if (recipients.isEmpty()) {
            throw new CliException("no recipients found in " + file);
        }
        return recipients;
    }

    static X25519Recipient parseRecipient(String s) {
        if (s.startsWith("age1pq1")) {
            throw new CliException("post-quantum recipients are not supported yet");
        }
        try {
            return X25519Recipient.parse(s);
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid recipient \"" + s + "\": " + e.getMessage());
        }
    }

    private byte[] decryptWithPassphrase(Path file, byte[] encrypted) throws IOException {
        char[] passphrase = passphrases.read("Enter passphrase for identity file \"" + file + "\": ");
        List<Identity> identity = List.of(new ScryptIdentity(passphrase));
        Arrays.fill(passphrase, '\0');
        try (InputStream in = new AgeDecrypter().decryptDetectingArmor(new ByteArrayInputStream(encrypted), identity)) {
            return in.readNBytes(MAX_KEY_FILE_BYTES);
        } catch (AgeException e) {
            if (e.kind() == AgeException.Kind.NO_MATCH) {
                throw new CliException("incorrect passphrase for identity file " + file);
            }
            throw new CliException("cannot decrypt identity file " + file + ": " + e.getMessage());
        }
    }

    private static boolean isAgeFile(byte[] content) {
        byte[] version = (Header.VERSION_LINE + "\n").getBytes(StandardCharsets.US_ASCII);
        return Arrays.equals(content, 0, Math.min(content.length, version.length), version, 0, version.length)
                || Armor.startsWithArmor(content);
    }

    static byte[] readBounded(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
            if (content.length > MAX_KEY_FILE_BYTES) {
                throw new CliException(file + " is too large to be a key file");
            }
            return content;
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        }
    }

    private static List<String> lines(byte[] content) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        return lines;
    }

    private static boolean isCommentOrBlank(String line) {
        return line.isBlank() || line.startsWith("#");
    }
}
