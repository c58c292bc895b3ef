package nl.klachtenbalie.keys.desk.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reply templates per reply language, from {@code desk/replies/<lang>.properties}. A template is a
 * starting point the case worker edits before sending; {@code {organisation}} in the referral
 * template is replaced by an entry of the referral directory.
 */
public final class ReplyTemplates {

    /** Template kinds, in the order the composer offers them. */
    public static final List<String> KINDS = List.of("acknowledgement", "referral", "more_info", "closing");
    /** Reply languages with templates; the composer lets the worker write in any other language. */
    public static final List<String> LANGUAGES = List.of("nl", "en", "es", "pl", "ro");

    private final Map<String, Properties> byLang = new LinkedHashMap<>();

    public ReplyTemplates() {
        for (String lang : LANGUAGES) {
            try (InputStream in = ReplyTemplates.class.getResourceAsStream("/desk/replies/" + lang + ".properties")) {
                if (in == null) {
                    continue;
                }
                Properties p = new Properties();
                try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                byLang.put(lang, p);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read reply templates for " + lang, e);
            }
        }
    }

    public List<String> languages() {
        return List.copyOf(byLang.keySet());
    }

    public Optional<String> template(String lang, String kind) {
        Properties p = byLang.get(lang);
        return p == null ? Optional.empty() : Optional.ofNullable(p.getProperty(kind));
    }

    /** The template with the organisation's details filled in (referral), or as is. */
    public Optional<String> fill(String lang, String kind, String organisation) {
        return template(lang, kind).map(t -> t.replace("{organisation}", organisation == null ? "" : organisation));
    }
}
