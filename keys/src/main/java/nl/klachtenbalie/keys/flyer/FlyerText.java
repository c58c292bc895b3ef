package nl.klachtenbalie.keys.flyer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * The flyer's words in one language, from {@code flyer/<lang>.properties} (UTF-8). Every catalog is
 * machine-drafted until a native speaker has reviewed it ({@code _reviewed}); the flyer records that
 * in the SVG, never on the paper.
 */
public record FlyerText(String lang, String dir, boolean reviewed, String headline, String intro, String readers,
                        String addressLabel, String onionLabel, String safety, String fingerprintLabel,
                        String fingerprintText) {

    /** The languages of the reporter client (client-web/src/languages.js), in its order. */
    public static final List<String> LANGUAGES = List.of("nl", "en", "es", "pt", "pl", "ro", "bg", "hu", "ru", "uk", "th");

    /** The keys every catalog has (besides {@code _note}). */
    public static final List<String> KEYS = List.of("_reviewed", "dir", "headline", "intro", "readers", "address_label",
            "onion_label", "safety", "fingerprint_label", "fingerprint_text");

    public static FlyerText load(String lang) {
        if (!LANGUAGES.contains(lang)) {
            throw new IllegalArgumentException("no flyer text for language '" + lang + "' (choose one of "
                    + String.join(", ", LANGUAGES) + ")");
        }
        Properties p = new Properties();
        try (InputStream in = FlyerText.class.getResourceAsStream("/flyer/" + lang + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("flyer catalog missing for " + lang);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the flyer catalog for " + lang, e);
        }
        for (String k : KEYS) {
            if (p.getProperty(k, "").isBlank()) {
                throw new IllegalStateException("flyer catalog " + lang + " lacks " + k);
            }
        }
        return new FlyerText(lang, p.getProperty("dir"), Boolean.parseBoolean(p.getProperty("_reviewed")),
                p.getProperty("headline"), p.getProperty("intro"), p.getProperty("readers"), p.getProperty("address_label"),
                p.getProperty("onion_label"), p.getProperty("safety"), p.getProperty("fingerprint_label"),
                p.getProperty("fingerprint_text"));
    }
}
