package nl.klachtenbalie.keys.team;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import nl.klachtenbalie.crypto.bundle.Member;

/**
 * The flag day (protocol §9.2): every active member whose recipient is classic gets a NEW hybrid
 * identity in {@code members/<id>.identity-pq.age}, sealed with that member's passphrase, and the team
 * becomes hybrid, so the next bundle is all-hybrid. The classic identity files are KEPT: desks need them
 * to decrypt everything sent before the switch. Retired and compromised members get no new identity
 * (nobody encrypts to them any more).
 */
final class FlagDay {

    private final MemberKeys keys;

    FlagDay(MemberKeys keys) {
        this.keys = keys;
    }

    /**
     * Each passphrase is checked by opening the member's classic identity file before anything is
     * written, so a mistyped one changes nothing. Idempotent: a team that is already hybrid is left as
     * it is (an empty map is returned), so a ceremony interrupted between this and signing can simply
     * be run again.
     *
     * @param passphrase member id → that member's passphrase (the caller wipes it afterwards)
     * @return member id → new hybrid recipient
     */
    Map<String, String> switchToHybrid(TeamDirectory team, Function<String, char[]> passphrase) throws IOException {
        TeamState state = team.readState();
        if (state.hybrid()) {
            return Map.of();
        }
        Map<String, char[]> checked = new LinkedHashMap<>();
        for (Member m : state.activeMembers()) {
            if (Files.exists(team.memberHybridIdentity(m.id()), LinkOption.NOFOLLOW_LINKS)) {
                throw new TeamException("members/" + m.id() + ".identity-pq.age already exists but team.json is"
                        + " classic; restore the team.json that belongs to these files");
            }
            char[] p = passphrase.apply(m.id());
            // Opens (and so checks) the passphrase on the member's existing key; the text is wiped at once.
            byte[] text = SealedKeys.open(m.id() + ".identity.age", TeamDirectory.read(team.memberIdentity(m.id())), p);
            Arrays.fill(text, (byte) 0);
            checked.put(m.id(), p);
        }
        Map<String, String> recipients = new LinkedHashMap<>();
        for (Map.Entry<String, char[]> e : checked.entrySet()) {
            recipients.put(e.getKey(), keys.createHybridIdentity(team, state.deployment(), e.getKey(), e.getValue()));
        }
        team.writeState(state.switchedToHybrid(recipients));
        return recipients;
    }
}
