package nl.klachtenbalie.keys.desk.stats;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.keys.desk.service.Desk;
import nl.klachtenbalie.keys.desk.store.DeskStore;

/**
 * Makes and releases statistics: builds the report from the decrypted cases, suppresses small
 * cells, audits it against every earlier release in the {@link Ledger} (suppressing more until
 * nothing can be recovered by subtraction), records the release and saves the ledger. Outputs
 * (CSV, printable page) are rendered from the recorded release, never recomputed, so what was
 * downloaded is exactly what the ledger checked.
 */
public final class StatsService {

    /** Where the ledger lives: the desk store (encrypted to the team) or, in tests, memory. */
    public interface LedgerStore {
        Optional<byte[]> load() throws IOException;

        void save(byte[] plaintext) throws IOException;
    }

    /** What "Make report" gave: the release (new or the identical earlier one), or a refusal key. */
    public record Made(Optional<LedgerRelease> release, String refusal, int extraSuppressed) {
    }

    static final String DOCUMENT = "stats-ledger.age";

    private final Function<byte[], List<StatCase>> cases;
    private final LedgerStore store;
    private final Reports reports;
    private final Clock clock;
    private final byte[] key;
    private final Ledger ledger;

    /**
     * @param cases the cases as statistics see them, given the ledger's id key
     */
    public StatsService(Function<byte[], List<StatCase>> cases, LedgerStore store, StatsConfig config, Clock clock,
                        SecureRandom random) throws IOException {
        this.cases = cases;
        this.store = store;
        this.reports = new Reports(config);
        this.clock = clock;
        Optional<byte[]> saved = store.load();
        if (saved.isPresent()) {
            LedgerCodec.Stored s = LedgerCodec.read(saved.get());
            java.util.Arrays.fill(saved.get(), (byte) 0);
            this.key = s.key();
            this.ledger = s.ledger();
        } else {
            this.key = new byte[32];
            random.nextBytes(key);
            this.ledger = new Ledger();
        }
    }

    /** Statistics over a running desk, with the ledger in its store. */
    public static StatsService forDesk(Desk desk, DeskStore store, List<? extends Identity> identities,
                                       List<? extends Recipient> team, Clock clock, SecureRandom random) throws IOException {
        Regions regions = Regions.shipped();
        LedgerStore ls = new LedgerStore() {
            @Override
            public Optional<byte[]> load() throws IOException {
                return store.readDocument(DOCUMENT, identities);
            }

            @Override
            public void save(byte[] plaintext) throws IOException {
                store.writeDocument(DOCUMENT, plaintext, team);
            }
        };
        return new StatsService(k -> desk.cases("", c -> true).stream().map(c -> StatCase.of(c, regions, k)).toList(),
                ls, StatsConfig.defaults(), clock, random);
    }

    public StatsConfig config() {
        return reports.config();
    }

    public synchronized List<LedgerRelease> releases() {
        return ledger.releases();
    }

    public synchronized Optional<LedgerRelease> release(int number) {
        return ledger.releases().stream().filter(r -> r.number() == number).findFirst();
    }

    /** Makes the report, audits it against all releases, and records it. */
    public synchronized Made make(ReportSpec spec) throws IOException {
        Report rep = reports.build(spec, cases.apply(key), true);
        if (rep.areaShown() == null) {
            return new Made(Optional.empty(), "stats.refused.tooSmall", 0);
        }
        int extra = 0;
        int threshold = reports.config().threshold();
        while (true) {
            Ledger.Audit audit = ledger.audit(rep.tables(), threshold);
            if (audit.clean()) {
                break;
            }
            boolean progress = false;
            for (int[] f : audit.toSuppress()) {
                Table t = rep.tables().get(f[0]);
                if (!t.suppressed(f[1], f[2])) {
                    t.suppress(f[1], f[2]);
                    progress = true;
                    extra++;
                }
            }
            if (!progress) {
                return new Made(Optional.empty(), "stats.refused.ledger", extra);
            }
            rep.tables().forEach(reports.suppressor()::complete);
        }
        for (LedgerRelease old : ledger.releases()) {
            if (old.spec().equals(spec) && same(old.tables(), rep.tables())) {
                return new Made(Optional.of(old), null, extra);
            }
        }
        LedgerRelease r = new LedgerRelease(ledger.releases().size() + 1, LocalDate.now(clock).toString(), spec,
                rep.areaShown(), threshold, rep.notes(), rep.tables());
        ledger.add(r);
        store.save(LedgerCodec.write(key, ledger));
        return new Made(Optional.of(r), null, extra);
    }

    private static boolean same(List<Table> a, List<Table> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameRelease(b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
