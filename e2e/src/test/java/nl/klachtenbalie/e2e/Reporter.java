package nl.klachtenbalie.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reporter: Debian's Chromium driven by {@code client-web/e2e-real/reporter.mjs} (playwright-core)
 * through the real pages. Each call is a fresh browser profile, as a reporter coming back later has
 * nothing but the receipt code.
 */
final class Reporter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path clientWeb;
    private final String origin;

    Reporter(Path clientWeb, String origin) {
        this.clientWeb = clientWeb;
        this.origin = origin;
    }

    /** Writes and sends a report; returns the receipt code the page showed. */
    String submit(String lang, String story) throws IOException, InterruptedException {
        return run("submit", lang, story).get("code").asText();
    }

    /** Comes back with the code, reads the team's reply and writes a follow-up; returns the reply text shown. */
    JsonNode comeBack(String lang, String code, String expectedReply, String followUp) throws IOException, InterruptedException {
        return run("return", lang, code, expectedReply, followUp);
    }

    private JsonNode run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", "e2e-real/reporter.mjs", args[0], origin));
        cmd.addAll(List.of(args).subList(1, args.length));
        Process p = new ProcessBuilder(cmd).directory(clientWeb.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("browser phase " + args[0] + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("browser phase " + args[0] + " failed (exit " + p.exitValue() + "): "
                    + new String(out, StandardCharsets.UTF_8));
        }
        return JSON.readTree(out);
    }
}
