package nl.klachtenbalie.keys.desk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import nl.klachtenbalie.crypto.age.AgeEncrypter;
import nl.klachtenbalie.crypto.age.ScryptRecipient;
import nl.klachtenbalie.crypto.age.X25519Recipient;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;
import nl.klachtenbalie.crypto.bundle.TeamBundlePayload;
import nl.klachtenbalie.crypto.bundle.TeamBundleSigner;
import nl.klachtenbalie.crypto.encoding.Bech32;
import nl.klachtenbalie.crypto.event.EventFixtures;

/**
 * A team directory in the layout the key ceremony writes (team.json, members/, bundles/), built
 * from the crypto module's fixtures: members anna and bo active, chris retired, dee compromised.
 * Key files are age scrypt files with a low work factor, so tests stay fast.
 */
public final class TeamFixture {

    public static final String PASSPHRASE = "correct horse battery staple desk";
    public static final LocalDate TODAY = BundleFixtures.ISSUED.plusDays(9);
    public static final Clock CLOCK = Clock.fixed(TODAY.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600), ZoneOffset.UTC);

    private TeamFixture() {
    }

    public static TeamBundlePayload bundle() {
        return BundleFixtures.payload(1);
    }

    public static List<X25519Recipient> teamRecipients() {
        return bundle().recipients().stream().map(X25519Recipient::parse).toList();
    }

    /** Writes the team directory into {@code dir} and returns it. */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("members"));
        Files.createDirectories(dir.resolve("bundles"));
        String teamJson = "{\"deployment\":\"" + BundleFixtures.DEPLOYMENT + "\",\"argon2Salt\":\""
                + HexFormat.of().formatHex(BundleFixtures.salt()) + "\",\"rootKey\":\""
                + BundleFixtures.rootKey().publicKey().hex() + "\",\"members\":[],\"bundleVersion\":1}\n";
        Files.writeString(dir.resolve("team.json"), teamJson);
        Files.write(dir.resolve("bundles/team-bundle-v1.json"), new TeamBundleSigner(BundleFixtures.rootKey()).sign(bundle()));
        for (String id : List.of("anna", "bo")) {
            writeMember(dir, id, PASSPHRASE);
        }
        return dir;
    }

    static void writeMember(Path dir, String id, String passphrase) throws IOException {
        AgeEncrypter enc = new AgeEncrypter(new SecureRandom());
        String identity = "# member " + id + "\n" + EventFixtures.memberIdentity(id).toSecretString() + "\n";
        String signing = Bech32.encode("kb-signing-key-", BundleFixtures.fixedBytes("member " + id)).toUpperCase(Locale.ROOT) + "\n";
        Files.write(dir.resolve("members/" + id + ".identity.age"),
                enc.encrypt(identity.getBytes(StandardCharsets.UTF_8), List.of(new ScryptRecipient(passphrase.toCharArray(), 10))));
        Files.write(dir.resolve("members/" + id + ".signing.age"),
                enc.encrypt(signing.getBytes(StandardCharsets.UTF_8), List.of(new ScryptRecipient(passphrase.toCharArray(), 10))));
    }
}
