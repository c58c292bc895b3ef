package nl.klachtenbalie.keys.flyer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class FlyerCommandTest {

    @TempDir
    Path tmp;

    static Path repo() {
        return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void everyLanguageGetsAFlyerAndAPosterWhoseQrCodesScanBack() throws Exception {
        Path team = tmp.resolve("team");
        String fp = FlyerFixture.team(team, "amsterdam-1");
        Path out = tmp.resolve("out");
        FlyerFixture.Result r = FlyerFixture.run("flyer", "--lang", "all", "--dir", team.toString(), "--url", FlyerFixture.URL,
                "--onion", FlyerFixture.ONION, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(fp), r.out());
        Map<String, String> want = new LinkedHashMap<>();
        want.put("qr-url", FlyerFixture.URL);
        want.put("qr-onion", FlyerFixture.ONION);
        want.put("qr-fingerprint", fp);
        for (String lang : FlyerText.LANGUAGES) {
            for (FlyerRenderer.Format f : FlyerRenderer.Format.values()) {
                Path file = out.resolve(f.fileName(lang));
                String svg = Files.readString(file, StandardCharsets.UTF_8);
                assertEquals(want, FlyerCheck.decodeAll(svg), file.toString());
                Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
                assertEquals(lang, doc.getDocumentElement().getAttribute("xml:lang"));
                String text = doc.getDocumentElement().getTextContent();
                String compact = text.replaceAll("\\s+", "");
                assertTrue(text.contains("klachtenbalie.example"), "the address is printed as text: " + file);
                assertTrue(compact.contains(FlyerRenderer.display(FlyerFixture.ONION)), "the onion address is printed: " + file);
                assertTrue(text.contains(fp.substring(0, 19)) && text.contains(fp.substring(20)), "the fingerprint is printed: " + file);
                assertTrue(text.contains(FlyerText.load(lang).headline().split(" ")[0]), file.toString());
                assertTrue(svg.contains("MACHINE-DRAFTED"), "unreviewed text is marked in the file");
                assertFalse(svg.contains("<script") || svg.contains("href") || svg.contains("<image"),
                        "no script, no links, no external images: " + file);
                assertFalse(text.contains("DEMO"), "a real team's flyer carries no demo banner");
            }
        }
        assertTrue(Files.readString(out.resolve("poster-en-a4.svg")).contains("width=\"210mm\" height=\"297mm\""));
        assertTrue(Files.readString(out.resolve("flyer-en-a6.svg")).contains("width=\"105mm\" height=\"148mm\""));
    }

    @Test
    void withoutAnOnionAddressThereAreTwoCodes() throws Exception {
        Path team = tmp.resolve("team");
        String fp = FlyerFixture.team(team, "demo-123");
        Path out = tmp.resolve("out");
        FlyerFixture.Result r = FlyerFixture.run("flyer", "--lang", "nl,th", "--dir", team.toString(), "--url",
                "https://klachten.example.nl/", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("DEMO"), "a demo team is called out");
        String svg = Files.readString(out.resolve("flyer-th-a6.svg"));
        assertEquals(Map.of("qr-url", "https://klachten.example.nl/", "qr-fingerprint", fp), FlyerCheck.decodeAll(svg));
        assertTrue(svg.contains("DEMO"), "a demo team's flyer says DEMO");
        assertFalse(Files.exists(out.resolve("flyer-en-a6.svg")), "only the languages asked for");
    }

    @Test
    void refusesWhatShouldNotBePrinted() throws Exception {
        Path team = tmp.resolve("team");
        FlyerFixture.team(team, "amsterdam-1");
        String out = tmp.resolve("out").toString();
        FlyerFixture.Result http = FlyerFixture.run("flyer", "--lang", "en", "--dir", team.toString(), "--url",
                "http://klachtenbalie.example/", "--out", out);
        assertEquals(1, http.code());
        assertTrue(http.err().contains("https://"), http.err());
        FlyerFixture.Result onion = FlyerFixture.run("flyer", "--lang", "en", "--dir", team.toString(), "--url",
                FlyerFixture.URL, "--onion", "http://short.onion/", "--out", out);
        assertEquals(1, onion.code());
        FlyerFixture.Result lang = FlyerFixture.run("flyer", "--lang", "de", "--dir", team.toString(), "--url", FlyerFixture.URL,
                "--out", out);
        assertEquals(1, lang.code());
        assertTrue(lang.err().contains("no flyer text for language 'de'"), lang.err());
        // A fingerprint.txt that does not belong to the root key is never printed.
        Files.writeString(team.resolve("fingerprint.txt"), "aaaa-aaaa-aaaa-aaaa-aaaa-aaaa-aaaa-aaaa\n");
        FlyerFixture.Result forged = FlyerFixture.run("flyer", "--lang", "en", "--dir", team.toString(), "--url",
                FlyerFixture.URL, "--out", out);
        assertEquals(1, forged.code());
        assertTrue(forged.err().contains("does not match"), forged.err());
        assertFalse(Files.exists(tmp.resolve("out/flyer-en-a6.svg")));
        FlyerFixture.Result none = FlyerFixture.run("flyer", "--lang", "en", "--dir", tmp.resolve("nothing").toString(),
                "--url", FlyerFixture.URL, "--out", out);
        assertEquals(1, none.code());
        assertTrue(none.err().contains("team.json"), none.err());
    }

    @Test
    void catalogsMatchTheClientLanguagesAndAvoidStigmaWords() throws Exception {
        String js = Files.readString(repo().resolve("client-web/src/languages.js"));
        List<String> client = new ArrayList<>();
        Matcher m = Pattern.compile("code: \"([a-z]{2})\"").matcher(js);
        while (m.find()) {
            client.add(m.group(1));
        }
        assertEquals(client, FlyerText.LANGUAGES, "one flyer catalog per client language, same order");
        TreeSet<String> keys = null;
        for (String lang : FlyerText.LANGUAGES) {
            Properties p = new Properties();
            try (var in = FlyerText.class.getResourceAsStream("/flyer/" + lang + ".properties")) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            TreeSet<String> these = new TreeSet<>(p.stringPropertyNames());
            if (keys == null) {
                keys = these;
            }
            assertEquals(keys, these, lang + " has the same keys as " + FlyerText.LANGUAGES.get(0));
            assertTrue(p.getProperty("_note").contains("machine-drafted") || "true".equals(p.getProperty("_reviewed")), lang);
            String all = String.join(" ", p.stringPropertyNames().stream().map(p::getProperty).toList()).toLowerCase(Locale.ROOT);
            for (String stigma : List.of("prostitu", "prostytu", "hoer", "whore", "puta", "проститу", "курв", "шлюх", "повій",
                    "kurw", "kurv", "ribanc", "prostituált", "โสเภณี", "กะหรี่")) {
                assertFalse(all.contains(stigma), lang + " says " + stigma);
            }
            FlyerText.load(lang);
        }
    }

    @Test
    void wrappingKeepsWordsAndCutsOnlyWhatIsTooLong() {
        assertEquals(List.of("one two", "three"), FlyerRenderer.wrap("one two three", 8));
        assertEquals(List.of("abcdefgh", "ij"), FlyerRenderer.wrap("abcdefghij", 8));
    }
}
