package nl.klachtenbalie.keys.desk.cases;

import java.util.Arrays;
import java.util.Optional;

/** Where a case stands. The code is what internal events carry; the label comes from the catalog. */
public enum CaseState {
    NEW("new"), ACKNOWLEDGED("acknowledged"), IN_PROGRESS("in_progress"), REFERRED("referred"), CLOSED("closed");

    private final String code;

    CaseState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<CaseState> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
