package nl.klachtenbalie.keys.desk.team;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nl.klachtenbalie.crypto.age.AgeDecrypter;
import nl.klachtenbalie.crypto.age.AgeException;
import nl.klachtenbalie.crypto.age.HybridIdentity;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.ScryptIdentity;
import nl.klachtenbalie.crypto.age.X25519Identity;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.encoding.Bech32;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.keys.desk.DeskException;

/**
 * One member's passphrase-sealed key files in {@code members/}, opened for the desk:
 * {@code <id>.identity.age} (classic, or hybrid in a team that was hybrid when the member joined),
 * {@code <id>.signing.age} and, after the flag day, {@code <id>.identity-pq.age} (hybrid, same
 * passphrase). The decrypted text is wiped as soon as the keys are parsed out of it.
 */
final class MemberKeyFiles {

    static final String SIGNING_HRP = "kb-signing-key-";

    private final Path members;

    MemberKeyFiles(Path members) {
        this.members = members;
    }

    /**
     * Opens the files and checks them against {@code listed}: one identity's recipient and the signing
     * key must be the ones the bundle lists. The listed identity comes first (the desk decrypts with all).
     */
    UnlockedMember unlock(Member listed, long bundleVersion, char[] passphrase) throws IOException {
        String id = listed.id();
        byte[] idText = decrypt(members.resolve(id + ".identity.age"), passphrase);
        byte[] signText = decrypt(members.resolve(id + ".signing.age"), passphrase);
        Path pqFile = members.resolve(id + ".identity-pq.age");
        byte[] pqText = Files.exists(pqFile, LinkOption.NOFOLLOW_LINKS) ? decrypt(pqFile, passphrase) : new byte[0];
        List<Identity> identities = new ArrayList<>();
        Ed25519PrivateKey signing = null;
        try {
            for (byte[] text : List.of(pqText, idText)) {
                for (String line : lines(text)) {
                    if (line.startsWith("AGE-SECRET-KEY-PQ-1")) {
                        identities.add(HybridIdentity.parse(line));
                    } else if (line.startsWith("AGE-SECRET-KEY-1")) {
                        identities.add(X25519Identity.parse(line));
                    }
                }
            }
            for (String line : lines(signText)) {
                if (line.toLowerCase(Locale.ROOT).startsWith(SIGNING_HRP + "1")) {
                    signing = signingKey(line);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new DeskException("error.member.keyFile", id);
        } finally {
            Arrays.fill(idText, (byte) 0);
            Arrays.fill(signText, (byte) 0);
            Arrays.fill(pqText, (byte) 0);
        }
        if (identities.isEmpty() || signing == null) {
            throw new DeskException("error.member.keyFile", id);
        }
        Identity current = identities.stream().filter(i -> recipientOf(i).equals(listed.recipient())).findFirst()
                .orElse(null);
        if (current == null || !signing.publicKey().equals(listed.signingKey())) {
            signing.destroy();
            throw new DeskException("error.member.keyMismatch", id, bundleVersion);
        }
        identities.remove(current);
        identities.add(0, current);
        return new UnlockedMember(listed, bundleVersion, identities, signing);
    }

    private static Ed25519PrivateKey signingKey(String line) {
        Bech32.Decoded d = Bech32.decode(line);
        byte[] seed = d.data();
        try {
            if (!d.hrp().equals(SIGNING_HRP) || seed.length != Ed25519PrivateKey.SEED_LENGTH) {
                throw new IllegalArgumentException("not a signing key");
            }
            return Ed25519PrivateKey.fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private static String recipientOf(Identity i) {
        return i instanceof HybridIdentity h ? h.recipient().toString() : ((X25519Identity) i).recipient().toString();
    }

    private static byte[] decrypt(Path file, char[] passphrase) throws IOException {
        byte[] encrypted;
        try {
            encrypted = BoundedFile.read(file);
        } catch (NoSuchFileException e) {
            throw new DeskException("error.member.noKeyFile", file);
        }
        try (InputStream in = new AgeDecrypter().decryptDetectingArmor(new ByteArrayInputStream(encrypted),
                List.of(new ScryptIdentity(passphrase)))) {
            return in.readNBytes(BoundedFile.MAX);
        } catch (AgeException e) {
            throw new DeskException(e.kind() == AgeException.Kind.NO_MATCH || e.kind() == AgeException.Kind.HMAC
                    ? "error.member.passphrase" : "error.member.keyFile", file.getFileName());
        }
    }

    private static List<String> lines(byte[] text) {
        List<String> out = new ArrayList<>();
        for (String l : new String(text, StandardCharsets.UTF_8).split("\n")) {
            out.add(l.strip());
        }
        return out;
    }
}
