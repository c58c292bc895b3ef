package nl.klachtenbalie.keys.desk.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report form of protocol §7.4 as the desk displays it: the fields in display order and each
 * coded field's codes (the crypto module's parser refuses any other code, so every code shown has
 * a catalog label).
 */
public final class FormCodes {

    /** Fields with a fixed list of codes, in display order. */
    public static final Map<String, List<String>> CODED;

    static {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("kind", List.of("complaint", "question", "help", "story"));
        m.put("about", List.of("exploitant", "escort_agency", "gemeente", "police", "tax_kvk", "bank_insurer",
                "landlord", "health_social", "client", "other"));
        m.put("topic", List.of("work", "money", "enforcement", "housing", "tax", "health", "residence", "stigma",
                "violence", "exiting", "other"));
        m.put("wants", List.of("listen", "rights_info", "help_complain", "act_for_me", "count_only"));
        m.put("consent", List.of("anonymous", "work_name", "contact_party"));
        m.put("reporter", List.of("self", "on_behalf"));
        m.put("caseworkerGender", List.of("no_preference", "woman", "man", "non_binary"));
        CODED = Map.copyOf(m);
    }

    /** Every field in display order (free-text and coded). */
    public static final List<String> FIELDS = List.of("kind", "about", "topic", "place", "month", "wants", "consent",
            "reporter", "replyLang", "caseworkerGender");

    private FormCodes() {
    }
}
