package nl.klachtenbalie.keys.desk.web;

import java.util.ArrayList;
import java.util.List;
import nl.klachtenbalie.keys.desk.stats.Labels;
import nl.klachtenbalie.keys.desk.stats.LedgerRelease;
import nl.klachtenbalie.keys.desk.stats.Table;
import nl.klachtenbalie.keys.desk.text.Messages;

/**
 * The body of a statistics release: what the numbers are and cannot say, what goes well, bar
 * charts and the tables. Charts are inline SVG drawn here from the released numbers and catalog
 * labels only. The desk's CSP ({@code default-src 'none'; style-src 'self'}) governs fetches,
 * scripts and styles — inline {@code <svg>} markup fetches nothing, and it uses presentation
 * attributes ({@code fill}, {@code width}), not {@code style}, so it renders under that policy;
 * CSS bars would need inline {@code style="width:…"}, which the policy blocks.
 */
final class StatsView {

    private static final String BAR = "#2d6a4f";
    private static final String INK = "#1d1d1f";

    private final Labels labels;
    private final Messages m;

    StatsView(Labels labels) {
        this.labels = labels;
        this.m = labels.messages();
    }

    void body(Html h, LedgerRelease r) {
        h.el("p", "stats-threshold", m.get("stats.note.threshold", r.threshold(), r.threshold() - 1));
        for (String note : r.notes()) {
            h.el("p", "stats-note", m.get(note));
        }
        goesWell(h, r);
        h.raw("<section class=\"stats-charts\">");
        chart(h, r, "about");
        chart(h, r, "topic");
        for (String trend : List.of("trend", "trend18", "trend36")) {
            Table t = table(r, trend);
            if (t != null) {
                trend(h, t);
            }
        }
        h.raw("</section><section class=\"stats-tables\">");
        for (Table t : r.tables()) {
            table(h, t);
        }
        h.raw("</section>");
    }

    private static Table table(LedgerRelease r, String id) {
        return r.tables().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    private String value(Table t, int i, int j) {
        return t.suppressed(i, j) ? m.get("stats.hidden") : Integer.toString(t.count(i, j));
    }

    private void goesWell(Html h, LedgerRelease r) {
        Table outcome = table(r, "outcome");
        Table well = table(r, "goeswell");
        if (outcome == null && well == null) {
            return;
        }
        h.raw("<section class=\"stats-goes-well\">").el("h2", null, m.get("stats.goesWell.title")).raw("<ul>");
        if (outcome != null) {
            for (String code : List.of("resolved", "mediated", "referred")) {
                int i = outcome.rows().indexOf(code);
                h.el("li", null, m.get("stats.goesWell." + code, value(outcome, i, outcome.c())));
            }
        }
        if (well != null) {
            h.el("li", null, m.get("stats.goesWell.label", value(well, well.r(), 0)));
        }
        h.raw("</ul></section>");
    }

    /** Horizontal bars: the row totals of a table (who it is about, topic). */
    private void chart(Html h, LedgerRelease r, String id) {
        Table t = table(r, id);
        if (t == null) {
            return;
        }
        int n = t.r();
        int max = 1;
        for (int i = 0; i < n; i++) {
            if (!t.suppressed(i, t.c())) {
                max = Math.max(max, t.count(i, t.c()));
            }
        }
        int labelW = 300;
        int barMax = 330;
        int rowH = 26;
        int width = labelW + barMax + 70;
        int height = n * rowH + 10;
        String title = labels.table(id);
        h.raw("<figure class=\"stats-chart\" id=\"chart-").text(id).raw("\"><figcaption>").text(title).raw("</figcaption>");
        h.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 "
                + width + " " + height + "\" role=\"img\"><title>").text(title).raw("</title>");
        for (int i = 0; i < n; i++) {
            int y = 5 + i * rowH;
            String label = labels.code(t.rowDim(), t.rows().get(i));
            h.raw("<text class=\"label\" x=\"" + (labelW - 8) + "\" y=\"" + (y + 17) + "\" text-anchor=\"end\" font-size=\"14\" "
                    + "font-family=\"sans-serif\" fill=\"" + INK + "\">").text(label).raw("</text>");
            if (t.suppressed(i, t.c())) {
                h.raw("<rect class=\"hidden-bar\" x=\"" + labelW + "\" y=\"" + (y + 3) + "\" width=\"18\" height=\"" + (rowH - 8)
                        + "\" fill=\"none\" stroke=\"#888\" stroke-dasharray=\"3 2\"/>");
                h.raw("<text class=\"value\" x=\"" + (labelW + 24) + "\" y=\"" + (y + 17) + "\" font-size=\"13\" "
                        + "font-family=\"sans-serif\" fill=\"#555\">").text(m.get("stats.hidden")).raw("</text>");
            } else {
                int v = t.count(i, t.c());
                int w = Math.max(v == 0 ? 0 : 2, (int) Math.round((double) v * barMax / max));
                h.raw("<rect class=\"bar\" x=\"" + labelW + "\" y=\"" + (y + 3) + "\" width=\"" + w + "\" height=\"" + (rowH - 8)
                        + "\" fill=\"" + BAR + "\"/>");
                h.raw("<text class=\"value\" x=\"" + (labelW + w + 6) + "\" y=\"" + (y + 17) + "\" font-size=\"13\" "
                        + "font-family=\"sans-serif\" fill=\"" + INK + "\">" + v + "</text>");
            }
        }
        h.raw("</svg></figure>");
    }

    /** Columns over time: the row totals of a trend table, oldest first. */
    private void trend(Html h, Table t) {
        int n = t.r();
        int max = 1;
        for (int i = 0; i < n; i++) {
            if (!t.suppressed(i, t.c())) {
                max = Math.max(max, t.count(i, t.c()));
            }
        }
        int colW = 40;
        int plotH = 180;
        int left = 20;
        int width = left + n * colW + 20;
        int height = plotH + 90;
        String title = labels.table(t.id());
        h.raw("<figure class=\"stats-chart\" id=\"chart-").text(t.id()).raw("\"><figcaption>").text(title).raw("</figcaption>");
        h.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 "
                + width + " " + height + "\" role=\"img\"><title>").text(title).raw("</title>");
        h.raw("<line x1=\"" + left + "\" y1=\"" + (plotH + 20) + "\" x2=\"" + (width - 10) + "\" y2=\"" + (plotH + 20)
                + "\" stroke=\"#888\"/>");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int x = left + i * colW + 6;
            int base = plotH + 20;
            if (t.suppressed(i, t.c())) {
                parts.add("<rect class=\"hidden-bar\" x=\"" + x + "\" y=\"" + (base - 18) + "\" width=\"" + (colW - 12)
                        + "\" height=\"18\" fill=\"none\" stroke=\"#888\" stroke-dasharray=\"3 2\"/>"
                        + "<text class=\"value\" x=\"" + (x + (colW - 12) / 2) + "\" y=\"" + (base - 22)
                        + "\" text-anchor=\"middle\" font-size=\"12\" font-family=\"sans-serif\" fill=\"#555\">"
                        + Html.escape(m.get("stats.hiddenShort")) + "</text>");
            } else {
                int v = t.count(i, t.c());
                int hgt = Math.max(v == 0 ? 0 : 2, (int) Math.round((double) v * plotH / max));
                parts.add("<rect class=\"bar\" x=\"" + x + "\" y=\"" + (base - hgt) + "\" width=\"" + (colW - 12) + "\" height=\""
                        + hgt + "\" fill=\"" + BAR + "\"/><text class=\"value\" x=\"" + (x + (colW - 12) / 2) + "\" y=\""
                        + (base - hgt - 4) + "\" text-anchor=\"middle\" font-size=\"12\" font-family=\"sans-serif\" fill=\""
                        + INK + "\">" + v + "</text>");
            }
            int lx = x + (colW - 12) / 2;
            parts.add("<text class=\"label\" x=\"" + lx + "\" y=\"" + (base + 14) + "\" text-anchor=\"end\" font-size=\"12\" "
                    + "font-family=\"sans-serif\" fill=\"" + INK + "\" transform=\"rotate(-45 " + lx + " " + (base + 14) + ")\">"
                    + Html.escape(labels.code(t.rowDim(), t.rows().get(i))) + "</text>");
        }
        parts.forEach(h::raw);
        h.raw("</svg></figure>");
    }

    private void table(Html h, Table t) {
        h.raw("<table class=\"stats\" id=\"table-").text(t.id()).raw("\"><caption>").text(labels.table(t.id()))
                .raw("</caption><thead><tr>").el("th", null, labels.dim(t.rowDim()));
        for (String c : t.cols()) {
            h.el("th", "num", labels.code(t.colDim(), c));
        }
        h.el("th", "num", m.get("stats.total")).raw("</tr></thead><tbody>");
        for (int i = 0; i <= t.r(); i++) {
            h.raw(i == t.r() ? "<tr class=\"total\">" : "<tr>")
                    .el("th", null, i == t.r() ? m.get("stats.total") : labels.code(t.rowDim(), t.rows().get(i)));
            for (int j = 0; j <= t.c(); j++) {
                h.el("td", t.suppressed(i, j) ? "num hidden" : "num",
                        t.suppressed(i, j) ? m.get("stats.hiddenShort") : Integer.toString(t.count(i, j)));
            }
            h.raw("</tr>");
        }
        h.raw("</tbody></table>");
    }
}
