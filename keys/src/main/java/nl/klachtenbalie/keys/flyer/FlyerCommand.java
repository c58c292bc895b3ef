package nl.klachtenbalie.keys.flyer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import nl.klachtenbalie.crypto.bundle.TeamFingerprint;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keys flyer}: printable outreach material — an A6 flyer and an A4 poster per language, as
 * SVG — with the service address, the onion address, the team fingerprint and a QR code for each.
 * Reads only the team's public files. Every QR code is decoded back before a file is written.
 */
@Command(name = "flyer", mixinStandardHelpOptions = true,
        description = {"Draw an A6 flyer and an A4 poster (SVG) with the service address, the team fingerprint and their QR codes.",
                "The fingerprint comes from TEAMDIR/fingerprint.txt, checked against team.json's root key."})
public final class FlyerCommand implements Callable<Integer> {

    static final Pattern FINGERPRINT = Pattern.compile("[a-z2-7]{4}(-[a-z2-7]{4}){7}");
    static final Pattern URL = Pattern.compile("https://[a-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?");
    static final Pattern ONION = Pattern.compile("https?://[a-z2-7]{56}\\.onion(/[A-Za-z0-9._~/-]*)?");

    private final CliEnvironment env;

    @Option(names = "--lang", required = true, split = ",", paramLabel = "xx",
            description = "language(s): nl, en, es, pt, pl, ro, bg, hu, ru, uk, th, or 'all'")
    List<String> langs;

    @Option(names = "--dir", required = true, paramLabel = "TEAMDIR", description = "the team folder of the key ceremony")
    Path teamDir;

    @Option(names = "--url", required = true, description = "the service address, https://…")
    String url;

    @Option(names = "--onion", description = "the onion address, http://….onion")
    String onion;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the SVG files")
    Path out;

    FlyerCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        if (!URL.matcher(url).matches()) {
            throw new IllegalArgumentException("--url must be an https:// address in lower case, e.g. https://klachtenbalie.example/");
        }
        if (onion != null && !ONION.matcher(onion).matches()) {
            throw new IllegalArgumentException("--onion must be a v3 onion address, e.g. http://<56 letters and digits>.onion/");
        }
        List<String> chosen = new ArrayList<>();
        for (String l : langs) {
            if (l.equals("all")) {
                chosen.addAll(FlyerText.LANGUAGES);
            } else if (FlyerText.LANGUAGES.contains(l)) {
                chosen.add(l);
            } else {
                throw new IllegalArgumentException("no flyer text for language '" + l + "' (choose from "
                        + String.join(", ", FlyerText.LANGUAGES) + ", or all)");
            }
        }
        Team team = readTeam(teamDir);
        FlyerRenderer.Content content = new FlyerRenderer.Content(url, Optional.ofNullable(onion), team.fingerprint(), team.demo());
        Files.createDirectories(out);
        PrintStream o = new PrintStream(env.stdout(), true, StandardCharsets.UTF_8);
        for (String lang : chosen.stream().distinct().toList()) {
            FlyerText text = FlyerText.load(lang);
            for (FlyerRenderer.Format f : FlyerRenderer.Format.values()) {
                String svg = FlyerRenderer.svg(text, content, f);
                FlyerCheck.verify(svg, content);
                Path file = out.resolve(f.fileName(lang));
                Files.writeString(file, svg, StandardCharsets.UTF_8);
                o.println("wrote " + file);
            }
        }
        o.println("Team fingerprint on the flyers: " + team.fingerprint());
        o.println("Before printing: open the service in a browser and check that its start page shows this fingerprint.");
        if (team.demo()) {
            env.stderr().println("keys: warning: this is a DEMO team; the flyers say so. Never hand them out.");
        }
        return 0;
    }

    record Team(String fingerprint, boolean demo) {
    }

    /** The fingerprint from team.json's root key; fingerprint.txt, if present, must agree. */
    static Team readTeam(Path dir) throws IOException {
        Path json = dir.resolve("team.json");
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException("no team.json in " + dir + " (the folder made by 'keys team create')");
        }
        JsonNode t = new ObjectMapper().readTree(Files.readAllBytes(json));
        String root = t.path("rootKey").asText("");
        if (!root.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(json + " has no root key");
        }
        String computed = TeamFingerprint.of(Ed25519PublicKey.fromHex(root));
        Path txt = dir.resolve("fingerprint.txt");
        if (Files.isRegularFile(txt)) {
            String written = Files.readString(txt, StandardCharsets.US_ASCII).trim();
            if (!written.equals(computed)) {
                throw new IllegalArgumentException("fingerprint.txt does not match the root key in team.json: do not print; "
                        + "run 'keys team fingerprint --dir " + dir + "' and compare with the ceremony's paper record");
            }
        }
        if (!FINGERPRINT.matcher(computed).matches()) {
            throw new IllegalArgumentException("unexpected fingerprint format");
        }
        return new Team(computed, t.path("deployment").asText("").startsWith("demo-"));
    }
}
