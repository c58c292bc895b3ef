package nl.klachtenbalie.crypto.event;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nl.klachtenbalie.crypto.json.JsonException;
import nl.klachtenbalie.crypto.json.JsonValues;

/**
 * The answers of the report form (protocol §7.4). Every field is optional ({@code null} when not
 * answered) and every answer is one of the listed codes, so the desk's statistics count exactly
 * what the form offered and free text appears only where the form asks for it ({@code place}).
 *
 * @param place a gemeente or region, at most 80 characters; small places can identify a reporter
 * @param replyLang the language the reporter wants replies in
 */
public record ReportForm(Kind kind, About about, Topic topic, String place, YearMonth month, Wants wants,
                         Consent consent, Reporter reporter, String replyLang, CaseworkerGender caseworkerGender) {

    /** A form with no answers. */
    public static final ReportForm EMPTY = new ReportForm(null, null, null, null, null, null, null, null, null, null);

    static final int MAX_PLACE = 80;

    private static final Set<String> FIELDS = Set.of("kind", "about", "topic", "place", "month", "wants", "consent",
            "reporter", "replyLang", "caseworkerGender");

    /** What kind of report. */
    public enum Kind implements FormCode {
        COMPLAINT("complaint"), QUESTION("question"), HELP("help"), STORY("story");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    /** Who the report is about. */
    public enum About implements FormCode {
        EXPLOITANT("exploitant"), ESCORT_AGENCY("escort_agency"), GEMEENTE("gemeente"), POLICE("police"),
        TAX_KVK("tax_kvk"), BANK_INSURER("bank_insurer"), LANDLORD("landlord"), HEALTH_SOCIAL("health_social"),
        CLIENT("client"), OTHER("other");

        private final String code;

        About(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    /** The topic (the CCV list). */
    public enum Topic implements FormCode {
        WORK("work"), MONEY("money"), ENFORCEMENT("enforcement"), HOUSING("housing"), TAX("tax"),
        HEALTH("health"), RESIDENCE("residence"), STIGMA("stigma"), VIOLENCE("violence"), EXITING("exiting"),
        OTHER("other");

        private final String code;

        Topic(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    /** What the reporter wants from the team. */
    public enum Wants implements FormCode {
        LISTEN("listen"), RIGHTS_INFO("rights_info"), HELP_COMPLAIN("help_complain"), ACT_FOR_ME("act_for_me"),
        COUNT_ONLY("count_only");

        private final String code;

        Wants(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    /** How far the team may go. */
    public enum Consent implements FormCode {
        ANONYMOUS("anonymous"), WORK_NAME("work_name"), CONTACT_PARTY("contact_party");

        private final String code;

        Consent(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    /** Who is reporting. */
    public enum Reporter implements FormCode {
        SELF("self"), ON_BEHALF("on_behalf");

        private final String code;

        Reporter(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    /** An optional preference for the caseworker's gender. */
    public enum CaseworkerGender implements FormCode {
        NO_PREFERENCE("no_preference"), WOMAN("woman"), MAN("man"), NON_BINARY("non_binary");

        private final String code;

        CaseworkerGender(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }
    }

    public ReportForm {
        if (place != null) {
            Fields.text("form.place", place, MAX_PLACE, false, false);
        }
        Fields.month("form.month", month);
        if (replyLang != null) {
            Fields.lang("form.replyLang", replyLang);
        }
    }

    /** The JSON object, answered fields only, in the order of the protocol table. */
    Map<String, Object> toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        putCode(o, "kind", kind);
        putCode(o, "about", about);
        putCode(o, "topic", topic);
        if (place != null) {
            o.put("place", place);
        }
        if (month != null) {
            o.put("month", Fields.monthString(month));
        }
        putCode(o, "wants", wants);
        putCode(o, "consent", consent);
        putCode(o, "reporter", reporter);
        if (replyLang != null) {
            o.put("replyLang", replyLang);
        }
        putCode(o, "caseworkerGender", caseworkerGender);
        return o;
    }

    private static void putCode(Map<String, Object> o, String key, FormCode c) {
        if (c != null) {
            o.put(key, c.code());
        }
    }

    static ReportForm fromJson(Object v) throws JsonException {
        Map<String, Object> o = JsonValues.object(v, Set.of(), FIELDS);
        return new ReportForm(code(o, "kind", Kind.class), code(o, "about", About.class),
                code(o, "topic", Topic.class), optString(o, "place"),
                o.containsKey("month") ? Fields.month("form.month", JsonValues.string(o.get("month"))) : null,
                code(o, "wants", Wants.class), code(o, "consent", Consent.class), code(o, "reporter", Reporter.class),
                optString(o, "replyLang"), code(o, "caseworkerGender", CaseworkerGender.class));
    }

    private static <E extends Enum<E> & FormCode> E code(Map<String, Object> o, String key, Class<E> type)
            throws JsonException {
        return o.containsKey(key) ? FormCode.fromCode(type, "form." + key, JsonValues.string(o.get(key))) : null;
    }

    private static String optString(Map<String, Object> o, String key) throws JsonException {
        return o.containsKey(key) ? JsonValues.string(o.get(key)) : null;
    }
}
