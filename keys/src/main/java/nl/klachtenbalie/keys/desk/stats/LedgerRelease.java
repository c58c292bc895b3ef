package nl.klachtenbalie.keys.desk.stats;

import java.util.List;

/**
 * One release as the ledger keeps it: what was asked, what was shown, and the released tables
 * (suppressed cells hold no count, only the flag; released cells keep their case ids).
 */
public record LedgerRelease(int number, String day, ReportSpec spec, String areaShown, int threshold, List<String> notes,
                            List<Table> tables) {

    public LedgerRelease {
        notes = List.copyOf(notes);
        tables = List.copyOf(tables);
    }

    /** The release as a report, for the CSV and printable outputs. */
    public Report report() {
        return new Report(spec, areaShown, threshold, tables, notes);
    }
}
