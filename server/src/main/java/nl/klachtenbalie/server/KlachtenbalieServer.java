package nl.klachtenbalie.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.klachtenbalie.crypto.bundle.DeploymentPins;
import nl.klachtenbalie.crypto.pad.Padding;
import nl.klachtenbalie.crypto.receipt.Argon2Params;
import nl.klachtenbalie.crypto.sign.Ed25519PublicKey;
import nl.klachtenbalie.server.blob.AgeBlobPolicy;
import nl.klachtenbalie.server.config.ServerConfig;
import nl.klachtenbalie.server.error.ApiException;
import nl.klachtenbalie.server.guard.SecretMaterialGuard;
import nl.klachtenbalie.server.http.HttpApp;
import nl.klachtenbalie.server.ops.Metrics;
import nl.klachtenbalie.server.reporter.ChallengeService;
import nl.klachtenbalie.server.reporter.EventPager;
import nl.klachtenbalie.server.reporter.MailboxService;
import nl.klachtenbalie.server.reporter.RequestAuthenticator;
import nl.klachtenbalie.server.reporter.TokenBucket;
import nl.klachtenbalie.server.retention.RetentionService;
import nl.klachtenbalie.server.team.ExportService;
import nl.klachtenbalie.server.team.OutboxService;
import nl.klachtenbalie.server.team.PasswordHasher;
import nl.klachtenbalie.server.team.TeamAccounts;
import nl.klachtenbalie.server.team.TeamBundles;
import nl.klachtenbalie.server.team.TeamSessions;
import org.jdbi.v3.core.Jdbi;

/**
 * The one place that assembles the server from its parts: configuration, the database, a clock and a
 * random source are handed in; everything else is built here and passed down by constructor.
 */
public final class KlachtenbalieServer {

    private final ServerConfig config;
    private final Jdbi jdbi;
    private final Clock clock;
    private final Javalin app;
    private final TeamAccounts accounts;
    private final TeamBundles bundles;
    private final RetentionService retention;
    private final ChallengeService challenges;
    private ScheduledExecutorService scheduler;

    public KlachtenbalieServer(ServerConfig config, Jdbi jdbi, Clock clock, SecureRandom random) {
        this.config = config;
        this.jdbi = jdbi;
        this.clock = clock;
        Metrics metrics = new Metrics();
        DeploymentPins pins = DeploymentPins.of(config.deploymentId(), Ed25519PublicKey.fromBytes(config.rootKey()),
                config.argon2Salt(), Argon2Params.V1);
        byte[] secret = config.challengeSecret().orElseGet(() -> {
            byte[] s = new byte[32];
            random.nextBytes(s);
            return s;
        });
        ChallengeService.requireHeapFor(config.usedNonceCapacity(), Runtime.getRuntime().maxMemory());
        this.challenges = new ChallengeService(secret, clock, random, config.challengeTtlSeconds(), config.usedNonceCapacity());
        AgeBlobPolicy blobs = new AgeBlobPolicy(config.maxAgeHeaderBytes());
        EventPager pager = new EventPager(blobs.maxFileSize(config.visibleMaxBucket()));
        MailboxService mailboxes = new MailboxService(jdbi, clock, random, challenges,
                new RequestAuthenticator(config.deploymentId(), random),
                new TokenBucket(clock, config.powReducedPerHour()), pager,
                new MailboxService.Limits(config.powDifficulty(), config.powReducedDifficulty(), config.eventsPerDay(),
                        config.mailboxMaxBytes()), metrics);
        PasswordHasher hasher = new PasswordHasher(config.argon2MemoryKiB(), config.argon2Iterations(),
                config.argon2Parallelism(), config.argon2MaxConcurrent());
        this.accounts = new TeamAccounts(jdbi, clock, random, hasher,
                new TeamSessions(clock, random, Duration.ofMinutes(config.sessionMinutes())), metrics);
        this.bundles = new TeamBundles(jdbi, clock, pins);
        ExportService export = new ExportService(jdbi, config.deploymentId(), config.exportMaxBytes());
        OutboxService outbox = new OutboxService(jdbi, clock, config.deploymentId(), bundles, blobs,
                config.visibleMaxBucket(), metrics);
        this.retention = new RetentionService(jdbi, clock, config.retentionIdleDays(), config.internalRetentionDays(), metrics);
        long createMax = Math.min(config.maxRequestBytes(),
                4096 + (blobs.maxFileSize(config.visibleMaxBucket()) + 2) / 3 * 4
                        + config.maxAttachments() * ((blobs.maxFileSize(Padding.BUCKETS.get(Padding.BUCKETS.size() - 1)) + 2) / 3 * 4));
        this.app = new HttpApp(config, metrics, challenges, mailboxes, blobs, accounts, export, outbox, bundles, jdbi, createMax)
                .create();
    }

    /** Loads the configured team bundle (refusing secret material), starts HTTP and the scheduled jobs. */
    public KlachtenbalieServer start() {
        loadConfiguredBundle();
        app.start();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "klachtenbalie-maintenance");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::maintain, 1, 60, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(challenges::evictExpired, 1, 1, TimeUnit.MINUTES);
        return this;
    }

    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        app.stop();
    }

    public int port() {
        return app.port();
    }

    public TeamAccounts teamAccounts() {
        return accounts;
    }

    public TeamBundles teamBundles() {
        return bundles;
    }

    public RetentionService retention() {
        return retention;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Clock clock() {
        return clock;
    }

    private void maintain() {
        try {
            retention.runOnce();
        } catch (RuntimeException e) {
            // Never log: a message could carry data. The next run tries again; /health stays honest.
        }
    }

    private void loadConfiguredBundle() {
        if (config.bundleFile().isEmpty()) {
            return;
        }
        try {
            SecretMaterialGuard.checkFile(config.bundleFile().get(), "team bundle file");
            byte[] file = Files.readAllBytes(config.bundleFile().get());
            long stored = bundles.currentBundle().map(b -> b.version()).orElse(0L);
            try {
                bundles.publish(file);
            } catch (ApiException e) {
                if (!e.code().equals("bundle_downgrade") || stored == 0) {
                    throw new IllegalStateException("refusing to start: the configured team bundle " + config.bundleFile().get()
                            + " was refused: " + e.getMessage(), e);
                }
                // A newer bundle was published through the transfer page since; keep it.
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read team bundle file " + config.bundleFile().get(), e);
        }
    }
}
