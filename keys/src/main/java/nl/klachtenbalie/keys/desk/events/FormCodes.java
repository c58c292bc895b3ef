package nl.klachtenbalie.keys.desk.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The report form of protocol §7.4: each field and its allowed codes. A report carrying any other
 * field or code is refused as malformed, so the desk only ever displays codes it has a catalog
 * label for.
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

    static final int MAX_PLACE = 80;
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");
    static final Pattern LANG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}");

    private FormCodes() {
    }

    /** Null if {@code value} is allowed for {@code field}, else a reason (never the value itself). */
    static String check(String field, String value) {
        if (CODED.containsKey(field)) {
            return CODED.get(field).contains(value) ? null : "unknown code for form field " + field;
        }
        return switch (field) {
            case "place" -> value.length() <= MAX_PLACE && !value.isBlank() ? null : "form place too long or empty";
            case "month" -> MONTH.matcher(value).matches() ? null : "form month is not YYYY-MM";
            case "replyLang" -> LANG.matcher(value).matches() ? null : "form replyLang is not a language code";
            default -> "unknown form field";
        };
    }
}
