package nl.klachtenbalie.keys.desk.kaart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.keys.desk.DeskException;
import nl.klachtenbalie.keys.desk.store.DeskStore;

/**
 * The referral directory: organisations by region and topic. It starts from the list shipped
 * with the desk ({@code desk/sociale-kaart.json}, from the domain research — the team must check
 * and complete it) and, once the team edits it, lives encrypted in the desk directory.
 */
public final class SocialeKaart {

    static final String DOCUMENT = "sociale-kaart.age";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,48}");

    private final DeskStore store;
    private final List<? extends Identity> identities;
    private final List<? extends Recipient> team;
    private final List<Organisation> organisations = new ArrayList<>();

    public SocialeKaart(DeskStore store, List<? extends Identity> identities, List<? extends Recipient> team) throws IOException {
        this.store = store;
        this.identities = identities;
        this.team = team;
        Optional<byte[]> edited = store.readDocument(DOCUMENT, identities);
        if (edited.isPresent()) {
            organisations.addAll(parse(edited.get()));
        } else {
            try (InputStream in = SocialeKaart.class.getResourceAsStream("/desk/sociale-kaart.json")) {
                organisations.addAll(parse(in.readAllBytes()));
            }
        }
    }

    public synchronized List<Organisation> all() {
        List<Organisation> l = new ArrayList<>(organisations);
        l.sort(Comparator.comparing(o -> o.name().toLowerCase(Locale.ROOT)));
        return l;
    }

    /** Organisations serving {@code region} (or nationally) and helping with {@code topic}; blank means any. */
    public synchronized List<Organisation> find(String region, String topic) {
        String r = region == null ? "" : region.strip().toLowerCase(Locale.ROOT);
        return all().stream()
                .filter(o -> r.isEmpty() || o.regions().stream().map(x -> x.toLowerCase(Locale.ROOT))
                        .anyMatch(x -> x.equals("national") || x.contains(r)))
                .filter(o -> topic == null || topic.isBlank() || o.topics().contains(topic))
                .toList();
    }

    public synchronized Optional<Organisation> get(String id) {
        return organisations.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    /** Adds or replaces an entry (by id) and saves the directory encrypted to the team. */
    public synchronized void put(Organisation o) throws IOException {
        if (!ID.matcher(o.id()).matches() || o.name().isBlank() || o.name().length() > 200
                || o.description().length() > 2000 || o.contact().length() > 500) {
            throw new DeskException("error.kaart.invalid");
        }
        organisations.removeIf(x -> x.id().equals(o.id()));
        organisations.add(o);
        save();
    }

    public synchronized void remove(String id) throws IOException {
        if (organisations.removeIf(x -> x.id().equals(id))) {
            save();
        }
    }

    private void save() throws IOException {
        ArrayNode arr = JSON.createArrayNode();
        for (Organisation o : organisations) {
            ObjectNode n = arr.addObject();
            n.put("id", o.id());
            n.put("name", o.name());
            o.regions().forEach(n.putArray("regions")::add);
            o.topics().forEach(n.putArray("topics")::add);
            o.languages().forEach(n.putArray("languages")::add);
            n.put("description", o.description());
            n.put("contact", o.contact());
        }
        store.writeDocument(DOCUMENT, JSON.writeValueAsBytes(arr), team);
    }

    static List<Organisation> parse(byte[] json) throws IOException {
        List<Organisation> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(json)) {
            out.add(new Organisation(n.path("id").asText(), n.path("name").asText(), strings(n.path("regions")),
                    strings(n.path("topics")), strings(n.path("languages")), n.path("description").asText(""),
                    n.path("contact").asText("")));
        }
        return out;
    }

    private static List<String> strings(JsonNode arr) {
        List<String> l = new ArrayList<>();
        arr.forEach(x -> l.add(x.asText()));
        return l;
    }

    /** Splits a comma-separated form field into trimmed, non-empty items. */
    public static List<String> splitList(String s) {
        return Arrays.stream(s == null ? new String[0] : s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
}
