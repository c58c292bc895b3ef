package nl.klachtenbalie.keys.desk.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The English and Dutch desk catalogs hold the same keys, the same placeholders and respectful words. */
class MessagesCatalogTest {

    private static final String EN = "/desk/messages.properties";
    private static final String NL = "/desk/messages_nl.properties";

    private static byte[] raw(String resource) throws IOException {
        try (InputStream in = MessagesCatalogTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is missing");
            return in.readAllBytes();
        }
    }

    private static Properties load(String resource) throws IOException {
        // Strict UTF-8: ResourceBundle would silently fall back to ISO-8859-1 on a bad byte.
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw(resource))).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(resource + " is not valid UTF-8", e);
        }
        Properties p = new Properties();
        try (Reader r = new java.io.StringReader(text)) {
            p.load(r);
        }
        return p;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\d+}").matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void dutchHasExactlyTheEnglishKeys() throws IOException {
        Set<String> en = new TreeSet<>(load(EN).stringPropertyNames());
        Set<String> nl = new TreeSet<>(load(NL).stringPropertyNames());
        Set<String> missing = new TreeSet<>(en);
        missing.removeAll(nl);
        Set<String> extra = new TreeSet<>(nl);
        extra.removeAll(en);
        assertTrue(missing.isEmpty(), "keys missing from the Dutch catalog: " + missing);
        assertTrue(extra.isEmpty(), "keys in the Dutch catalog that English does not have: " + extra);
        assertFalse(en.isEmpty());
    }

    @Test
    void placeholdersMatchAndNoValueIsEmpty() throws IOException {
        Properties en = load(EN);
        Properties nl = load(NL);
        List<String> problems = new ArrayList<>();
        for (String key : en.stringPropertyNames()) {
            String n = nl.getProperty(key);
            if (n == null) {
                continue; // reported by dutchHasExactlyTheEnglishKeys
            }
            if (n.isBlank()) {
                problems.add(key + ": empty");
            }
            if (!placeholders(en.getProperty(key)).equals(placeholders(n))) {
                problems.add(key + ": placeholders " + placeholders(en.getProperty(key)) + " vs " + placeholders(n));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void neitherCatalogSaysProstitute() throws IOException {
        for (String resource : List.of(EN, NL)) {
            String text = new String(raw(resource), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            assertFalse(text.contains("prostitu"), resource + " uses \"prostitu…\"; write \"sex worker\" / \"sekswerker\"");
        }
    }

    @Test
    void dutchCatalogIsMarkedAsADraft() throws IOException {
        String first = new String(raw(NL), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        assertTrue(first.contains("machine-drafted, to be reviewed by the team"), first);
    }

    @Test
    void langNlLoadsTheDutchCatalogWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            for (Locale def : List.of(Locale.ENGLISH, Locale.forLanguageTag("nl-NL"), Locale.GERMANY)) {
                Locale.setDefault(def);
                Messages nl = new Messages(Locale.forLanguageTag("nl"));
                Messages en = new Messages(Locale.forLanguageTag("en"));
                assertEquals("Zaken", nl.get("nav.cases"));
                assertEquals("Cases", en.get("nav.cases"));
                assertEquals("Een sekswerker, voor zichzelf", nl.get("code.reporter.self"));
                assertEquals("Teambundel v3: nog 12 dagen geldig (tot en met 2026-05-01).",
                        nl.get("bundle.ok", 3, 12, "2026-05-01"));
                assertEquals("nl", nl.locale().getLanguage());
                assertNotEquals(nl.get("error.web.internal"), en.get("error.web.internal"));
            }
        } finally {
            Locale.setDefault(saved);
        }
    }
}
