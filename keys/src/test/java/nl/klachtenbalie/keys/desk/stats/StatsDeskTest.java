package nl.klachtenbalie.keys.desk.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import nl.klachtenbalie.crypto.event.ReportForm;
import nl.klachtenbalie.keys.desk.DeskHarness;
import nl.klachtenbalie.keys.desk.ExportBuilder;
import nl.klachtenbalie.keys.desk.SimulatedReporter;
import nl.klachtenbalie.keys.desk.TeamFixture;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.cases.CaseState;
import nl.klachtenbalie.keys.desk.service.ImportProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statistics over a real desk: imported, decrypted cases become codes, and the ledger is stored encrypted. */
class StatsDeskTest {

    @TempDir
    Path tmp;

    @Test
    void realCasesBecomeCodesAndTheLedgerIsEncryptedInTheDeskStore() throws Exception {
        try (DeskHarness h = DeskHarness.create(tmp)) {
            ExportBuilder export = new ExportBuilder(0);
            List<SimulatedReporter> reporters = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                SimulatedReporter rep = new SimulatedReporter();
                reporters.add(rep);
                String place = i < 6 ? "Amsterdam" : "Vlieland";
                ReportForm.Wants wants = i == 8 ? ReportForm.Wants.COUNT_ONLY : null;
                ReportForm form = new ReportForm(ReportForm.Kind.COMPLAINT, ReportForm.About.EXPLOITANT,
                        ReportForm.Topic.MONEY, place, YearMonth.from(TeamFixture.TODAY), wants, null, null, "nl", null);
                export.reporter(rep, rep.report("Mijn exploitant houdt fooien in.", form, List.of(), List.of()).get(0),
                        TeamFixture.TODAY);
            }
            h.desk.importExport(export.write(tmp.resolve("export.json")), new ImportProgress());
            h.desk.setState(reporters.get(0).mailbox(), CaseState.CLOSED);
            h.desk.label(reporters.get(0).mailbox(), "Opgelost", true);
            h.desk.setState(reporters.get(1).mailbox(), CaseState.REFERRED);

            byte[] key = new byte[32];
            Regions regions = Regions.shipped();
            List<StatCase> cases = h.desk.cases("", c -> true).stream().map(c -> StatCase.of(c, regions, key)).toList();
            assertEquals(9, cases.size());
            Case first = h.desk.get(reporters.get(0).mailbox()).orElseThrow();
            StatCase s0 = StatCase.of(first, regions, key);
            assertEquals(Outcome.RESOLVED, s0.outcome());
            assertEquals("noord-holland", s0.province());
            assertEquals("amsterdam", s0.gemeente());
            assertEquals("exploitant", s0.about());
            assertEquals(Outcome.REFERRED, StatCase.of(h.desk.get(reporters.get(1).mailbox()).orElseThrow(), regions, key).outcome());
            StatCase small = StatCase.of(h.desk.get(reporters.get(6).mailbox()).orElseThrow(), regions, key);
            assertNull(small.province(), "Vlieland is not listed: national totals only");
            assertFalse(small.regional());
            assertTrue(StatCase.of(h.desk.get(reporters.get(8).mailbox()).orElseThrow(), regions, key).countOnly());

            StatsService stats = StatsService.forDesk(h.desk, h.store, List.of(h.me.identity()), h.team.teamRecipients(),
                    TeamFixture.CLOCK, new SecureRandom());
            LedgerRelease r = stats.make(new ReportSpec(ReportSpec.Type.NATIONAL,
                    Period.quarterOf(YearMonth.from(TeamFixture.TODAY)), null)).release().orElseThrow();
            Table about = r.tables().get(0);
            assertEquals(9, about.released(about.r(), about.c()), "nine reports, shown");
            int exploitant = about.rows().indexOf("exploitant");
            assertEquals(9, about.released(exploitant, about.c()));

            Path ledger = h.deskDir.resolve("stats-ledger.age");
            assertTrue(Files.exists(ledger));
            String raw = new String(Files.readAllBytes(ledger), StandardCharsets.ISO_8859_1);
            assertTrue(raw.startsWith("age-encryption.org/v1"), "the ledger is an age file");
            assertFalse(raw.contains("exploitant") || raw.contains("stats-ledger"), "no plaintext on disk");
            StatsService again = StatsService.forDesk(h.desk, h.store, List.of(h.me.identity()), h.team.teamRecipients(),
                    TeamFixture.CLOCK, new SecureRandom());
            assertEquals(1, again.releases().size());
            assertEquals(r.number(), again.make(r.spec()).release().orElseThrow().number(), "unchanged: the same release");
        }
    }
}
