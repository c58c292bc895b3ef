package nl.klachtenbalie.crypto.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.klachtenbalie.crypto.receipt.ReporterKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every named case gives its expected verdict; one run lists every failing case. */
class EventCasesTest {

    private static List<EventCases> cases;

    @BeforeAll
    static void build() {
        ReporterKeys r = EventFixtures.reporter("cases");
        cases = EventCases.all(r);
    }

    @Test
    void everyCaseGivesItsVerdict() {
        List<String> failures = new ArrayList<>();
        for (EventCases c : cases) {
            String got = c.verdict();
            if (!got.equals(c.expected())) {
                failures.add(c.name() + ": expected " + c.expected() + ", got " + got);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void casesCoverEveryKindAndHaveUniqueNames() {
        Set<String> kinds = cases.stream().map(EventCases::expected).collect(Collectors.toSet());
        for (String k : List.of("VALID", "MALFORMED", "SIGNATURE", "SIGNER", "WRONG_MAILBOX", "KEY_MISMATCH")) {
            assertTrue(kinds.contains(k), k);
        }
        assertEquals(cases.size(), cases.stream().map(EventCases::name).distinct().count());
    }
}
