package nl.klachtenbalie.keys.desk.stats;

import java.util.List;

/**
 * A report's tables after suppression, as released (or as refused) — with the area actually shown
 * (a small area is merged into its larger one) and catalog keys of the notes the report must state.
 */
public record Report(ReportSpec spec, String areaShown, int threshold, List<Table> tables, List<String> notes) {

    public Report {
        tables = List.copyOf(tables);
        notes = List.copyOf(notes);
    }

    public Table table(String id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }
}
