package nl.klachtenbalie.keys.desk.exportfile;

import java.util.List;

/** A whole export file, parsed and checked for form (not yet for content). */
public record ExportFile(String deployment, long after, long through, boolean more, List<ExportRecord> records) {

    public static final String FORMAT = "klachtenbalie-export/v1";

    public ExportFile {
        records = List.copyOf(records);
    }
}
