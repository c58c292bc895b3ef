package nl.klachtenbalie.crypto.bundle;

/** A case-team member's standing in a bundle. Only active members receive new reports. */
public enum MemberStatus {
    /** Receives reports; replies signed by this member are accepted. */
    ACTIVE("active"),
    /** Left the team on {@code since}: replies signed before then remain valid, later ones do not. */
    RETIRED("retired"),
    /** The member's keys are compromised as of {@code since}; nothing signed from then on is trusted. */
    COMPROMISED("compromised");

    private final String json;

    MemberStatus(String json) {
        this.json = json;
    }

    /** The JSON spelling. */
    public String json() {
        return json;
    }

    static MemberStatus fromJson(String s) {
        for (MemberStatus m : values()) {
            if (m.json.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown member status");
    }
}
