package nl.klachtenbalie.keys.desk.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import nl.klachtenbalie.keys.desk.stats.Labels;
import nl.klachtenbalie.keys.desk.stats.LedgerRelease;
import nl.klachtenbalie.keys.desk.stats.Period;
import nl.klachtenbalie.keys.desk.stats.Regions;
import nl.klachtenbalie.keys.desk.stats.ReportSpec;
import nl.klachtenbalie.keys.desk.stats.StatsCsv;
import nl.klachtenbalie.keys.desk.stats.StatsService;
import nl.klachtenbalie.keys.desk.text.Messages;

/**
 * Statistics: choose a report and period, "Make report" (which audits it against every earlier
 * release and records it in the ledger), then preview, download the CSV or open the printable
 * report. Routes under {@code /stats}:
 * {@code GET /stats}, {@code POST /stats}, {@code GET /stats/release/N}, {@code GET /stats/release/N.csv},
 * {@code GET /stats/release/N/print}, {@code GET /stats/print.css}.
 */
final class StatsPage {

    private final StatsService stats;
    private final Messages m;
    private final Layout layout;
    private final String secret;
    private final Regions regions = Regions.shipped();
    private final Labels labels;
    private final StatsView view;
    private final byte[] css;

    StatsPage(StatsService stats, Messages m, Layout layout, String secret) throws IOException {
        this.stats = stats;
        this.m = m;
        this.layout = layout;
        this.secret = secret;
        this.labels = new Labels(m, regions);
        this.view = new StatsView(labels);
        try (InputStream in = StatsPage.class.getResourceAsStream("/desk/stats/print.css")) {
            this.css = in.readAllBytes();
        }
    }

    void route(Exchange ex, List<String> s, boolean get, boolean post, LocalDate today) throws IOException {
        if (s.size() == 2 && s.get(1).equals("print.css") && get) {
            ex.send(200, "text/css; charset=utf-8", css);
            return;
        }
        if (stats == null) {
            Html h = new Html().el("h1", null, m.get("stats.title")).el("p", "warning", m.get("stats.unavailable"));
            ex.html(200, layout.page(ex, "stats.title", h.toString()));
            return;
        }
        if (s.size() == 1 && get) {
            form(ex, today);
        } else if (s.size() == 1 && post) {
            make(ex);
        } else if (s.size() >= 3 && s.get(1).equals("release") && get) {
            String n = s.get(2);
            boolean csv = n.endsWith(".csv");
            String digits = csv ? n.substring(0, n.length() - 4) : n;
            if (!digits.matches("[0-9]{1,6}")) {
                throw new Exchange.WebError(404, "error.web.notFound");
            }
            LedgerRelease r = stats.release(Integer.parseInt(digits))
                    .orElseThrow(() -> new Exchange.WebError(404, "error.web.notFound"));
            if (csv && s.size() == 3) {
                ex.header("Content-Disposition", "attachment; filename=\"klachtenbalie-statistics-" + r.number() + "-"
                        + r.spec().period() + ".csv\"");
                ex.send(200, "text/csv; charset=utf-8", StatsCsv.write(r, labels));
            } else if (s.size() == 3) {
                preview(ex, r);
            } else if (s.size() == 4 && s.get(3).equals("print")) {
                print(ex, r);
            } else {
                throw new Exchange.WebError(404, "error.web.notFound");
            }
        } else {
            throw new Exchange.WebError(404, "error.web.notFound");
        }
    }

    private void form(Exchange ex, LocalDate today) throws IOException {
        Period last = Period.quarterOf(YearMonth.from(today).minusMonths(3));
        Html h = new Html();
        h.el("h1", null, m.get("stats.title"));
        h.el("p", "hint", m.get("stats.hint", stats.config().threshold()));
        h.formStart(ex.base() + "/stats", secret, "stats-make");
        h.raw("<label>").text(m.get("stats.report")).raw(" <select name=\"report\">");
        h.option("national", m.get("stats.report.national"), true);
        h.option("area", m.get("stats.report.area"), false);
        h.option("evaluation", m.get("stats.report.evaluation"), false);
        h.raw("</select></label> <label>").text(m.get("stats.area")).raw(" <select name=\"area\">");
        h.option(ReportSpec.NATIONAL, m.get("stats.area.none"), true);
        h.raw("<optgroup label=\"").text(m.get("stats.area.landsdelen")).raw("\">");
        for (String l : Regions.LANDSDELEN) {
            h.option("landsdeel:" + l, labels.area("landsdeel:" + l), false);
        }
        h.raw("</optgroup><optgroup label=\"").text(m.get("stats.area.provinces")).raw("\">");
        for (String p : Regions.LANDSDEEL.keySet()) {
            h.option("province:" + p, labels.area("province:" + p), false);
        }
        h.raw("</optgroup><optgroup label=\"").text(m.get("stats.area.gemeenten")).raw("\">");
        for (String g : regions.gemeenten()) {
            h.option("gemeente:" + g, labels.area("gemeente:" + g), false);
        }
        h.raw("</optgroup></select></label> <label>").text(m.get("stats.period"))
                .raw(" <input name=\"period\" size=\"9\" value=\"").text(last.toString()).raw("\"></label> ");
        h.button(m.get("stats.make")).raw("</form>");
        h.el("p", "hint", m.get("stats.periodHint"));
        List<LedgerRelease> releases = stats.releases();
        if (!releases.isEmpty()) {
            h.el("h2", null, m.get("stats.releases"));
            h.raw("<ul class=\"stats-releases\">");
            for (int i = releases.size() - 1; i >= 0; i--) {
                LedgerRelease r = releases.get(i);
                h.raw("<li>");
                h.link(ex.base() + "/stats/release/" + r.number(), m.get("stats.releaseLine", r.number(), r.day(),
                        m.get("stats.report." + r.spec().type().name().toLowerCase(java.util.Locale.ROOT)),
                        labels.area(r.areaShown()), r.spec().period()));
                h.raw("</li>");
            }
            h.raw("</ul>");
        }
        ex.html(200, layout.page(ex, "stats.title", h.toString()));
    }

    private void make(Exchange ex) throws IOException {
        ReportSpec spec;
        try {
            ReportSpec.Type type = switch (ex.form("report")) {
                case "national" -> ReportSpec.Type.NATIONAL;
                case "area" -> ReportSpec.Type.AREA;
                case "evaluation" -> ReportSpec.Type.EVALUATION;
                default -> throw new IllegalArgumentException("report");
            };
            String area = ex.form("area");
            if (type == ReportSpec.Type.AREA && !area.matches("(gemeente|province|landsdeel):[a-z0-9-]{1,40}")) {
                throw new Exchange.WebError(400, "stats.error.area");
            }
            spec = new ReportSpec(type, Period.parse(ex.form("period")), area);
        } catch (IllegalArgumentException e) {
            throw new Exchange.WebError(400, "stats.error.spec");
        }
        StatsService.Made made = stats.make(spec);
        if (made.release().isEmpty()) {
            Html h = new Html().el("h1", null, m.get("stats.title")).el("p", "warning", m.get(made.refusal()));
            h.link(ex.base() + "/stats", m.get("stats.back"));
            ex.html(200, layout.page(ex, "stats.title", h.toString()));
            return;
        }
        ex.redirect("/stats/release/" + made.release().get().number());
    }

    private String heading(LedgerRelease r) {
        return m.get("stats.heading." + r.spec().type().name().toLowerCase(java.util.Locale.ROOT),
                labels.area(r.areaShown()), r.spec().period());
    }

    private void preview(Exchange ex, LedgerRelease r) throws IOException {
        Html h = new Html();
        h.el("h1", null, heading(r));
        h.el("p", "meta", m.get("stats.meta", r.number(), r.day(), r.threshold()));
        h.raw("<p class=\"actions\">");
        h.link(ex.base() + "/stats/release/" + r.number() + ".csv", m.get("stats.downloadCsv")).raw(" ");
        h.link(ex.base() + "/stats/release/" + r.number() + "/print", m.get("stats.printable")).raw(" ");
        h.link(ex.base() + "/stats", m.get("stats.back"));
        h.raw("</p>");
        view.body(h, r);
        ex.html(200, layout.page(ex, "stats.title", h.toString()));
    }

    /** The printable report: a page of its own, no desk navigation, styled for paper. */
    private void print(Exchange ex, LedgerRelease r) throws IOException {
        Html h = new Html();
        h.raw("<!doctype html><html lang=\"").text(m.locale().getLanguage()).raw("\"><head><meta charset=\"utf-8\">")
                .raw("<title>").text(m.get("app.title") + " — " + heading(r)).raw("</title>")
                .raw("<link rel=\"stylesheet\" href=\"").text(ex.base() + "/stats/print.css").raw("\"></head>")
                .raw("<body class=\"stats-print\"><main>");
        h.el("p", "org", m.get("stats.print.org"));
        h.el("h1", null, heading(r));
        h.el("p", "meta", m.get("stats.meta", r.number(), r.day(), r.threshold()));
        view.body(h, r);
        h.el("p", "meta", m.get("stats.print.footer"));
        h.raw("</main></body></html>");
        ex.send(200, "text/html; charset=utf-8", h.toString().getBytes(StandardCharsets.UTF_8));
    }
}
