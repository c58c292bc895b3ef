package nl.klachtenbalie.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.service.Desk;
import nl.klachtenbalie.keys.desk.service.ImportProgress;
import nl.klachtenbalie.keys.desk.service.ImportResult;
import nl.klachtenbalie.keys.desk.service.OutboxWriter;
import nl.klachtenbalie.keys.desk.store.DeskStore;
import nl.klachtenbalie.keys.team.TeamCeremony;
import nl.klachtenbalie.keys.team.TeamDirectory;

/**
 * The case team: a key ceremony (a DEMO team, passphrase "demo") and then the air-gapped desk,
 * driven through the same services its loopback UI calls.
 */
final class CaseTeam {

    static final char[] PASSPHRASE = "demo".toCharArray();

    final Path teamDir;
    final String deploymentId;
    final Path bundle;
    private final Path deskDir;
    private Desk desk;

    CaseTeam(Path dir, String deploymentId) throws IOException {
        this(dir, deploymentId, false);
    }

    /** @param hybrid a post-quantum team ({@code keys team create --hybrid}): hybrid keys only */
    CaseTeam(Path dir, String deploymentId, boolean hybrid) throws IOException {
        this.teamDir = dir.resolve("team");
        this.deskDir = dir.resolve("desk");
        this.deploymentId = deploymentId;
        TeamCeremony ceremony = new TeamCeremony(new SecureRandom(), Clock.systemUTC());
        ceremony.create(teamDir, deploymentId, "desk", PASSPHRASE, PASSPHRASE, true, hybrid);
        this.bundle = ceremony.signBundle(TeamDirectory.open(teamDir), PASSPHRASE, TeamCeremony.DEFAULT_VALID_DAYS, Map.of())
                .file();
    }

    /**
     * The post-quantum flag day, as {@code keys team sign-bundle --switch-to-hybrid}: every active
     * member gets a hybrid identity (the classic ones are kept for decryption) and the next bundle is
     * all-hybrid. Returns that bundle's file, for the operator to publish.
     */
    Path switchToHybrid() throws IOException {
        TeamCeremony ceremony = new TeamCeremony(new SecureRandom(), Clock.systemUTC());
        ceremony.switchToHybrid(TeamDirectory.open(teamDir), id -> PASSPHRASE.clone());
        return ceremony.signBundle(TeamDirectory.open(teamDir), PASSPHRASE, TeamCeremony.DEFAULT_VALID_DAYS, Map.of())
                .file();
    }

    /** Unlocks the desk as member "desk". */
    void openDesk() throws IOException {
        SecureRandom random = new SecureRandom();
        var team = nl.klachtenbalie.keys.desk.team.TeamDirectory.open(teamDir, LocalDate.now(ZoneOffset.UTC));
        desk = Desk.open(team, team.unlock("desk", PASSPHRASE.clone()), DeskStore.open(deskDir, random),
                Clock.systemUTC(), random);
    }

    ImportResult importExport(Path file) throws IOException {
        return desk.importExport(file, new ImportProgress());
    }

    List<Case> cases() {
        return desk.cases("", c -> true);
    }

    void reply(String mailbox, String lang, String text) throws IOException {
        desk.reply(mailbox, lang, text);
    }

    OutboxWriter.Written writeOutbox(Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        return desk.writeOutbox(dir);
    }
}
