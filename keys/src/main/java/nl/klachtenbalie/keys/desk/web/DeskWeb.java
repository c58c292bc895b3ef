package nl.klachtenbalie.keys.desk.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nl.klachtenbalie.keys.desk.DeskException;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.kaart.SocialeKaart;
import nl.klachtenbalie.keys.desk.service.Desk;
import nl.klachtenbalie.keys.desk.stats.StatsService;
import nl.klachtenbalie.keys.desk.text.Messages;
import nl.klachtenbalie.keys.desk.text.ReplyTemplates;

/**
 * The desk's web UI: server-rendered HTML with plain forms, no script at all, on the JDK's own
 * HTTP server bound to 127.0.0.1 only. The one server socket is the only socket the desk ever
 * opens. Every request passes the {@link Guard} first; handlers are thin and call {@link Desk}.
 */
public final class DeskWeb {

    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final HttpServer server;
    private final ExecutorService executor;
    private final String secret;
    private final Guard guard;
    private final Messages m;
    private final Desk desk;
    private final Handles handles;
    private final CaseListPage list;
    private final CasePage casePage;
    private final ReplyPage replyPage;
    private final ImportPage importPage;
    private final OutboxPage outboxPage;
    private final KaartPage kaartPage;
    private final StatsPage statsPage;
    private final Layout layout;
    private final byte[] css;
    private final CountDownLatch closed = new CountDownLatch(1);

    private DeskWeb(HttpServer server, String secret, Desk desk, SocialeKaart kaart, StatsService stats, Messages m,
                    SecureRandom random, List<Path> importRoots) throws IOException {
        this.server = server;
        this.secret = secret;
        this.desk = desk;
        this.m = m;
        this.guard = new Guard(secret, server.getAddress().getPort());
        this.handles = new Handles(random);
        ReplyTemplates templates = new ReplyTemplates();
        this.layout = new Layout(desk, m, secret);
        this.list = new CaseListPage(desk, m, layout, handles);
        this.casePage = new CasePage(desk, m, layout, handles, templates, secret, list);
        this.replyPage = new ReplyPage(desk, m, layout, handles, templates, kaart, secret);
        this.importPage = new ImportPage(desk, m, layout, secret, importRoots);
        this.outboxPage = new OutboxPage(desk, m, layout, secret, importPage::lastDirectory);
        this.kaartPage = new KaartPage(kaart, m, layout, secret);
        this.statsPage = new StatsPage(stats, m, layout, secret);
        try (InputStream in = DeskWeb.class.getResourceAsStream("/desk/desk.css")) {
            this.css = in.readAllBytes();
        }
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "desk-http");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the UI on 127.0.0.1:{@code port} (0: any free port) with a fresh 32-byte secret.
     *
     * @param importRoots folders searched for export files (removable media)
     */
    public static DeskWeb start(Desk desk, SocialeKaart kaart, Messages m, SecureRandom random, int port,
                                List<Path> importRoots) throws IOException {
        return start(desk, kaart, null, m, random, port, importRoots);
    }

    /** As above, with statistics (null: the statistics page says they are not available). */
    public static DeskWeb start(Desk desk, SocialeKaart kaart, StatsService stats, Messages m, SecureRandom random,
                                int port, List<Path> importRoots) throws IOException {
        byte[] s = new byte[32];
        random.nextBytes(s);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(s);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), port), 16);
        DeskWeb web = new DeskWeb(server, secret, desk, kaart, stats, m, random, importRoots);
        server.setExecutor(web.executor);
        server.createContext("/", web::handle);
        server.start();
        return web;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address to open in the browser; contains the secret, so print it only to the desk's own terminal. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/" + secret + "/";
    }

    /** Blocks until someone presses "close the desk" (or {@link #stop()} is called). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
        closed.countDown();
    }

    private void handle(HttpExchange hx) throws IOException {
        String path = hx.getRequestURI().getRawPath();
        Guard.Verdict v = guard.check(hx.getRequestMethod(), hx.getRequestHeaders().getFirst("Host"), path,
                hx.getRequestHeaders().getFirst("Origin"), hx.getRequestHeaders().getFirst("Sec-Fetch-Site"));
        String base = "/" + secret;
        Exchange ex;
        try {
            ex = new Exchange(hx, base, v == Guard.Verdict.OK ? path.substring(base.length()) : "/");
        } catch (Exchange.WebError e) {
            hx.sendResponseHeaders(400, -1);
            hx.close();
            return;
        }
        try {
            if (v != Guard.Verdict.OK) {
                // Deliberately bare: no link, no secret, nothing a foreign page could use.
                ex.send(v == Guard.Verdict.BAD_HOST ? 421 : 403, "text/plain; charset=utf-8",
                        m.get("error.web." + v.name()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            if (!hx.getRequestMethod().equals("GET") && !hx.getRequestMethod().equals("HEAD")
                    && !guard.formHasSecret(ex.form("k"))) {
                ex.send(403, "text/plain; charset=utf-8",
                        m.get("error.web.BAD_ORIGIN").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            route(ex);
        } catch (Exchange.WebError e) {
            error(ex, e.status, e.key);
        } catch (DeskException e) {
            error(ex, 400, e.key(), e.args().toArray());
        } catch (RuntimeException | IOException e) {
            // No detail: a message could carry decrypted content into a page or a log.
            error(ex, 500, "error.web.internal");
        } finally {
            hx.close();
        }
    }

    private void error(Exchange ex, int status, String key, Object... args) throws IOException {
        Html h = new Html();
        h.el("h1", null, m.get("error.title"));
        h.el("p", "alarm", m.get(key, args));
        h.link(ex.base() + "/", m.get("error.back"));
        ex.html(status, layout.page(ex, "error.title", h.toString()));
    }

    private void route(Exchange ex) throws IOException {
        List<String> s = ex.segments();
        boolean get = ex.method().equals("GET") || ex.method().equals("HEAD");
        boolean post = ex.method().equals("POST");
        String first = s.isEmpty() ? "" : s.get(0);
        switch (first) {
            case "" -> {
                require(get);
                list.get(ex);
            }
            case "static" -> {
                require(get && s.size() == 2 && s.get(1).equals("desk.css"));
                ex.send(200, "text/css; charset=utf-8", css);
            }
            case "case" -> {
                require(s.size() >= 2);
                Case c = handles.mailbox(s.get(1)).flatMap(desk::get)
                        .orElseThrow(() -> new Exchange.WebError(404, "error.case.unknown"));
                if (s.size() == 2 && get) {
                    casePage.get(ex, c);
                } else if (s.size() == 3 && s.get(2).equals("reply")) {
                    if (get) {
                        replyPage.get(ex, c);
                    } else {
                        require(post);
                        replyPage.post(ex, c);
                    }
                } else {
                    require(post && s.size() == 3);
                    casePage.post(ex, c, s.get(2));
                }
            }
            case "photo" -> {
                require(get && s.size() == 3 && s.get(2).matches("[0-9]{1,15}\\.png"));
                String mailbox = handles.mailbox(s.get(1)).orElseThrow(() -> new Exchange.WebError(404, "error.case.unknown"));
                byte[] png = desk.photoPng(mailbox, Long.parseLong(s.get(2).substring(0, s.get(2).length() - 4)));
                ex.header("Content-Disposition", "inline");
                ex.send(200, "image/png", png);
            }
            case "import" -> {
                if (s.size() == 1) {
                    if (get) {
                        importPage.get(ex);
                    } else {
                        require(post);
                        importPage.post(ex);
                    }
                } else if (s.size() == 2 && s.get(1).equals("status") && get) {
                    importPage.status(ex);
                } else {
                    require(post && s.size() == 2 && s.get(1).equals("wipe"));
                    importPage.wipe(ex);
                }
            }
            case "outbox" -> {
                require(s.size() == 1);
                if (get) {
                    outboxPage.get(ex);
                } else {
                    require(post);
                    outboxPage.post(ex);
                }
            }
            case "kaart" -> {
                if (s.size() == 1 && get) {
                    kaartPage.get(ex);
                } else if (s.size() == 1 && post) {
                    kaartPage.post(ex);
                } else {
                    require(post && s.size() == 2 && s.get(1).equals("delete"));
                    kaartPage.delete(ex);
                }
            }
            case "stats" -> statsPage.route(ex, s, get, post, desk.today());
            case "quit" -> {
                require(post);
                Html h = new Html();
                h.el("h1", null, m.get("quit.title")).el("p", null, m.get("quit.text"));
                ex.send(200, "text/html; charset=utf-8", h.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Thread t = new Thread(this::stop, "desk-stop");
                t.start();
            }
            default -> throw new Exchange.WebError(404, "error.web.notFound");
        }
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw new Exchange.WebError(404, "error.web.notFound");
        }
    }
}
