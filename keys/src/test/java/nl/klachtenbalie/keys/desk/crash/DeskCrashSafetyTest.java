package nl.klachtenbalie.keys.desk.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;
import nl.klachtenbalie.keys.desk.DeskHarness;
import nl.klachtenbalie.keys.desk.TeamFixture;
import nl.klachtenbalie.keys.desk.bench.DeskScaleBench;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.events.CryptoEventCodec;
import nl.klachtenbalie.keys.desk.events.EventRejected;
import nl.klachtenbalie.keys.desk.events.ReporterPayload;
import nl.klachtenbalie.keys.desk.service.ImportProgress;
import nl.klachtenbalie.keys.desk.service.ImportResult;
import nl.klachtenbalie.keys.desk.store.DeskIndex;
import nl.klachtenbalie.keys.desk.store.IndexEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the desk's store during an import (issue 8), in the style of the server's
 * {@code CrashSafetyTest}: a child JVM ({@link DeskImportChild}) imports a large export file into a
 * fresh desk store and is killed with SIGKILL ({@link Process#destroyForcibly()}) at a random moment
 * of the import. After each kill the store is opened in this JVM and checked: it opens without
 * error; no temporary and no blob the index does not name is left; every event the index names is
 * there, decrypts and verifies; the case list is exactly the reports the index names, none with a
 * warning. Then the import is run again in this JVM and must end with exactly the full set of cases
 * (nothing twice), and a reopen must give the same list.
 *
 * <p>Quick in {@code mvn verify} (10 kills over an export of 250 reports, half of them before the index commits); longer by
 * command, e.g. {@code -Ddesk.crash.kills=100 -Ddesk.crash.reports=3000} (figures in docs/security.md).
 */
class DeskCrashSafetyTest {

    private static final int KILLS = Integer.getInteger("desk.crash.kills", 10);
    private static final int REPORTS = Integer.getInteger("desk.crash.reports", 250);

    @TempDir
    Path dir;

    @Test
    void anImportKilledAtAnyMomentLeavesAStoreThatOpensAndImportsToTheFullSet() throws Exception {
        Path teamDir = TeamFixture.write(Files.createDirectories(dir.resolve("team")));
        Path export = DeskScaleBench.generate(dir, REPORTS).get(0); // one file: REPORTS < REPORTS_PER_EXPORT
        Path deskDir = dir.resolve("desk");

        // A run to the end first: the import's length bounds the random kill moments.
        Child calibration = Child.start(teamDir, deskDir, export, dir);
        assertTrue(calibration.process.waitFor(300, TimeUnit.SECONDS), "calibration import did not finish");
        String committedLine = calibration.out.readLine();
        String done = calibration.out.readLine();
        assertTrue(committedLine != null && committedLine.startsWith("committed ") && done != null
                && done.startsWith("done "), "calibration: " + committedLine + " / " + done + " " + calibration.stderr());
        long commitMs = Long.parseLong(committedLine.split(" ")[1]);
        long importMs = Long.parseLong(done.split(" ")[1]);
        assertEquals(REPORTS, Integer.parseInt(done.split(" ")[2]));
        check(teamDir, deskDir, REPORTS);

        Random random = new Random();
        int killedBeforeCommit = 0;
        int killedAfterCommit = 0;
        int finishedFirst = 0;
        List<Long> moments = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) {
            wipe(deskDir);
            Child child = Child.start(teamDir, deskDir, export, dir);
            // Half the kills while blobs are being written (before the index commits), half after.
            long at = k % 2 == 0 ? (long) (random.nextDouble() * commitMs)
                    : commitMs + (long) (random.nextDouble() * (importMs * 1.1 - commitMs));
            moments.add(at);
            Thread.sleep(at);
            child.process.destroyForcibly();
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS), "child did not die");
            int committed = check(teamDir, deskDir, -1);
            if (committed == 0) {
                killedBeforeCommit++;
            } else if (committed == REPORTS) {
                killedAfterCommit++;
            } else {
                throw new AssertionError("an import is all or nothing, but the index names " + committed + " reports");
            }
            while (child.out.ready()) {
                if (String.valueOf(child.out.readLine()).startsWith("done")) {
                    finishedFirst++;
                }
            }
            try (DeskHarness again = new DeskHarness(teamDir, deskDir, "anna")) {
                ImportResult r = again.desk.importExport(export, new ImportProgress());
                assertEquals(REPORTS - committed, r.newCases(), "the re-run adds exactly what was missing");
                assertEquals(committed, r.duplicates());
                assertEquals(0, r.rejected());
            }
            check(teamDir, deskDir, REPORTS);
        }
        String summary = "kills=" + KILLS + " reports=" + REPORTS + " import-ms=" + importMs + " commit-ms=" + commitMs
                + " killed-before-commit="
                + killedBeforeCommit + " killed-after-commit=" + killedAfterCommit + " finished-before-kill=" + finishedFirst
                + " kill-moments-ms=" + moments;
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "desk-crash-safety-summary.txt"), summary + "\n");
        System.out.println("desk crash safety: " + summary);
    }

    /**
     * Opens the store in this JVM and checks it; returns how many reports the index names.
     *
     * @param expected the number of cases there must be, or -1 for "whatever the index names"
     */
    private static int check(Path teamDir, Path deskDir, int expected) throws IOException {
        try (DeskHarness h = new DeskHarness(teamDir, deskDir, "anna")) {
            DeskIndex index = h.store.readIndex(h.me.identities());
            try (Stream<Path> files = Files.walk(deskDir)) {
                List<Path> temporaries = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
                assertEquals(List.of(), temporaries, "no temporary survives an open");
            }
            Set<String> blobs;
            try (Stream<Path> files = Files.list(deskDir.resolve("blobs"))) {
                blobs = files.map(p -> p.getFileName().toString().replace(".age", "")).collect(Collectors.toCollection(TreeSet::new));
            }
            assertEquals(new TreeSet<>(index.entries.keySet()), blobs, "every named blob is there, and nothing else");
            CryptoEventCodec codec = new CryptoEventCodec(BundleFixtures.DEPLOYMENT, new SecureRandom());
            for (IndexEntry e : index.entries.values()) {
                ReporterPayload p;
                try {
                    p = codec.openReporter(h.store.readBlob(e.eventId()), h.me.identities());
                } catch (EventRejected r) {
                    throw new AssertionError("event " + e.eventId() + " does not open: " + r.getMessage());
                }
                assertEquals(e.mailbox(), p.mailbox());
                assertEquals(e.publicKey(), p.mailboxKey());
            }
            List<Case> cases = h.desk.cases("", c -> true);
            assertEquals(index.entries.size(), cases.size(), "one case per stored report, none twice");
            Set<String> named = index.entries.values().stream().map(IndexEntry::mailbox)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> listed = cases.stream().map(Case::mailbox).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(named, listed);
            assertTrue(cases.stream().allMatch(c -> c.warnings().isEmpty()) && h.desk.deskWarnings().isEmpty(), "no warnings");
            if (expected >= 0) {
                assertEquals(expected, cases.size());
            }
            return cases.size();
        }
    }

    private static void wipe(Path deskDir) throws IOException {
        if (!Files.exists(deskDir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(deskDir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A running {@link DeskImportChild}, already past opening the store. */
    private record Child(Process process, BufferedReader out, Path stderrFile) {

        static Child start(Path teamDir, Path deskDir, Path export, Path dir) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path err = dir.resolve("child-stderr.txt");
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    DeskImportChild.class.getName(), teamDir.toString(), deskDir.toString(), export.toString());
            pb.redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
            Process p = pb.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            if (!"open".equals(first)) {
                p.destroyForcibly();
                throw new AssertionError("desk child did not open: " + first + " " + Files.readString(err));
            }
            return new Child(p, out, err);
        }

        String stderr() throws IOException {
            return Files.readString(stderrFile);
        }
    }
}
