package nl.klachtenbalie.keys.desk.stats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a report's free-text place ends up in the statistics: a province and, for the larger
 * gemeenten listed in {@code desk/stats/regions.txt}, the gemeente. Any place not on the list is
 * "unknown region" and counts in national totals only — a small place must never become a
 * regional cell of one. The place text itself never reaches a table: only codes from the list do.
 */
public final class Regions {

    /** The 12 provinces in display order, and the landsdeel (CBS) each belongs to. */
    public static final Map<String, String> LANDSDEEL;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : List.of("groningen", "friesland", "drenthe")) {
            m.put(p, "noord");
        }
        for (String p : List.of("overijssel", "flevoland", "gelderland")) {
            m.put(p, "oost");
        }
        for (String p : List.of("utrecht", "noord-holland", "zuid-holland", "zeeland")) {
            m.put(p, "west");
        }
        for (String p : List.of("noord-brabant", "limburg")) {
            m.put(p, "zuid");
        }
        LANDSDEEL = java.util.Collections.unmodifiableMap(m);
    }

    public static final List<String> LANDSDELEN = List.of("noord", "oost", "west", "zuid");
    public static final String UNKNOWN = "unknown";

    /** A known place: its gemeente code (null when only a province was named) and province. */
    public record Place(String gemeente, String province) {
    }

    private final Map<String, Place> places;
    private final Map<String, String> names;

    private Regions(Map<String, Place> places, Map<String, String> names) {
        this.places = places;
        this.names = names;
    }

    /** The list shipped with the desk. */
    public static Regions shipped() {
        try (InputStream in = Regions.class.getResourceAsStream("/desk/stats/regions.txt")) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Regions parse(InputStream in) throws IOException {
        Map<String, Place> m = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int semi = line.indexOf(';');
            String name = line.substring(0, semi).strip();
            String province = line.substring(semi + 1).strip();
            if (!LANDSDEEL.containsKey(province)) {
                throw new IOException("unknown province in regions.txt: " + province);
            }
            String key = fold(name);
            boolean isProvince = LANDSDEEL.containsKey(name) || key.equals("fryslan") || key.equals("brabant");
            m.put(key, new Place(isProvince ? null : key, province));
            names.putIfAbsent(key, display(name));
        }
        return new Regions(Map.copyOf(m), Map.copyOf(names));
    }

    /** Case, accents, spaces and punctuation folded away: "'s-Hertogenbosch" and "shertogenbosch" are one place. */
    static String fold(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
            }
        }
        String f = b.toString();
        return f.startsWith("gemeente") ? f.substring("gemeente".length()) : f;
    }

    public Optional<Place> lookup(String place) {
        if (place == null || place.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(places.get(fold(place)));
    }

    private static String display(String name) {
        StringBuilder b = new StringBuilder();
        for (String w : name.split(" ")) {
            boolean small = List.of("aan", "den", "op", "de").contains(w) && b.length() > 0;
            b.append(b.length() > 0 ? " " : "").append(small || w.startsWith("'") || w.isEmpty() ? w
                    : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return b.toString();
    }

    /** The list's own spelling of a gemeente code (never the reporter's text). */
    public String displayName(String gemeente) {
        return names.getOrDefault(gemeente, gemeente);
    }

    /** Gemeente codes of the list, for the report chooser (folded names, not user text). */
    public List<String> gemeenten() {
        return places.values().stream().map(Place::gemeente).filter(g -> g != null).distinct().sorted().toList();
    }
}
