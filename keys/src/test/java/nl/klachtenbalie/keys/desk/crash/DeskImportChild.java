package nl.klachtenbalie.keys.desk.crash;

import java.nio.file.Path;
import nl.klachtenbalie.keys.desk.DeskHarness;
import nl.klachtenbalie.keys.desk.service.ImportProgress;
import nl.klachtenbalie.keys.desk.service.ImportResult;

/**
 * The child JVM of {@link DeskCrashSafetyTest}: opens the desk store as {@code keys desk} does and
 * imports one export file. Prints {@code open} once the store is open (the parent's clock for a
 * random kill starts there), {@code committed <ms>} once the index is written, and
 * {@code done <ms> <new cases>} when the import has returned.
 * Args: team directory, desk directory, export file.
 */
public final class DeskImportChild {

    private DeskImportChild() {
    }

    public static void main(String[] args) throws Exception {
        try (DeskHarness h = new DeskHarness(Path.of(args[0]), Path.of(args[1]), "anna")) {
            System.out.println("open");
            System.out.flush();
            long t0 = System.nanoTime();
            ImportProgress progress = new ImportProgress();
            Thread watch = new Thread(() -> {
                // CHECKING starts right after the index was written: the import's commit point.
                while (progress.phase() != ImportProgress.Phase.CHECKING && progress.phase() != ImportProgress.Phase.DONE) {
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                System.out.println("committed " + (System.nanoTime() - t0) / 1_000_000);
                System.out.flush();
            });
            watch.setDaemon(true);
            watch.start();
            ImportResult r = h.desk.importExport(Path.of(args[2]), progress);
            watch.join();
            System.out.println("done " + (System.nanoTime() - t0) / 1_000_000 + " " + r.newCases());
            System.out.flush();
        }
    }
}
