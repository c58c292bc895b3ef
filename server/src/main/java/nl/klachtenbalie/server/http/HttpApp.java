package nl.klachtenbalie.server.http;

import io.javalin.Javalin;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import nl.klachtenbalie.server.blob.AgeBlobPolicy;
import nl.klachtenbalie.server.config.ServerConfig;
import nl.klachtenbalie.server.ops.Metrics;
import nl.klachtenbalie.server.reporter.ChallengeService;
import nl.klachtenbalie.server.reporter.MailboxService;
import nl.klachtenbalie.server.team.ExportService;
import nl.klachtenbalie.server.team.OutboxService;
import nl.klachtenbalie.server.team.TeamAccounts;
import nl.klachtenbalie.server.team.TeamBundles;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds the Javalin instance: routes, the one error mapper, and the privacy settings of the HTTP
 * layer itself — no request logger, no banner, no ETags, no Server or Date header, and client
 * addresses hidden below everything (see {@link PrivacyCustomizer}).
 */
public final class HttpApp {

    private static final int MAX_THREADS = 64;
    private static final int MIN_THREADS = 8;
    /**
     * The listen backlog (the kernel caps it at net.core.somaxconn, 4096 by default): a burst of new
     * connections waits there instead of being refused by Java's default backlog of 50.
     */
    private static final int ACCEPT_QUEUE = 4096;

    /** What {@code ctx.ip()} returns: the server never learns addresses, so no code can record one. */
    public static final String NO_ADDRESS = "0.0.0.0";

    private final ServerConfig config;
    private final Metrics metrics;
    private final ChallengeService challenges;
    private final MailboxService mailboxes;
    private final AgeBlobPolicy blobs;
    private final TeamAccounts accounts;
    private final ExportService export;
    private final OutboxService outbox;
    private final TeamBundles bundles;
    private final Jdbi jdbi;
    private final long createMaxBytes;

    public HttpApp(ServerConfig config, Metrics metrics, ChallengeService challenges, MailboxService mailboxes,
            AgeBlobPolicy blobs, TeamAccounts accounts, ExportService export, OutboxService outbox, TeamBundles bundles,
            Jdbi jdbi, long createMaxBytes) {
        this.config = config;
        this.metrics = metrics;
        this.challenges = challenges;
        this.mailboxes = mailboxes;
        this.blobs = blobs;
        this.accounts = accounts;
        this.export = export;
        this.outbox = outbox;
        this.bundles = bundles;
        this.jdbi = jdbi;
        this.createMaxBytes = createMaxBytes;
    }

    public Javalin create() {
        StrictJson json = new StrictJson();
        ErrorMapper errors = new ErrorMapper(json, metrics);
        // Never more than a quarter of the heap for bodies, whatever the configuration says: the rest
        // must hold the threads, the database and the responses of a small VPS.
        long budget = Math.min(config.bodyMemoryBytes(), Runtime.getRuntime().maxMemory() / 4);
        BodyReader bodies = new BodyReader(budget);
        // A single upload larger than the whole budget would still be read into memory; on a small heap
        // that is an OutOfMemoryError, so the budget also caps one team upload (raise -Xmx for more).
        long teamUploadMax = Math.min(config.teamUploadMaxBytes(), budget);
        ReporterRoutes reporter = new ReporterRoutes(mailboxes, challenges, blobs, json, config.powDifficulty(),
                config.powReducedDifficulty(), config.visibleMaxBucket(), config.maxAttachments(), createMaxBytes, bodies);
        TeamRoutes team = new TeamRoutes(config.teamPath(), accounts, export, outbox, bundles, json, metrics,
                config.deploymentId(), teamUploadMax, bodies);
        OpsRoutes ops = new OpsRoutes(jdbi, metrics, bundles, config.metricsEnabled(), config.webOverrideDir());
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.generateEtags = false;
            cfg.http.maxRequestSize = Math.max(createMaxBytes, teamUploadMax);
            cfg.contextResolver.ip = ctx -> NO_ADDRESS;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            // A bounded pool: requests beyond it wait in the connector's queue (a few bytes each) instead
            // of each holding a thread, a body and a SQLite connection — the one writer serialises them anyway.
            cfg.jetty.threadPool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, 60_000);
            PrivacyCustomizer privacy = new PrivacyCustomizer(config.teamPath(), config.hsts());
            cfg.jetty.modifyHttpConfiguration(hc -> {
                hc.setSendServerVersion(false);
                hc.setSendXPoweredBy(false);
                hc.setSendDateHeader(false);
                // Jetty keeps a header-field cache per connection: a 1,024-entry trie of 96 KiB, built on
                // a connection's first request and kept as long as it stays open. With 1,000 phones
                // connected that was 96 MB, most of the heap, and the server spent half its time in full
                // collections (docs/benchmarks.md §1). A few header objects per request cost far less.
                hc.setHeaderCacheSize(0);
                hc.addCustomizer(privacy);
            });
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new BareErrorHandler(privacy));
                server.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                        for (Connector c : server.getConnectors()) {
                            if (c instanceof ServerConnector sc) {
                                sc.setAcceptQueueSize(ACCEPT_QUEUE);
                            }
                        }
                    }
                });
            });
            errors.register(cfg.routes);
            cfg.routes.after(bodies::release);
            reporter.register(cfg.routes);
            team.register(cfg.routes);
            ops.register(cfg.routes);
        });
    }
}
