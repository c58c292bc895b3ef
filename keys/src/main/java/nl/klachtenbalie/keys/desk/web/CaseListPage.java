package nl.klachtenbalie.keys.desk.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.cases.CaseState;
import nl.klachtenbalie.keys.desk.cases.Deadlines;
import nl.klachtenbalie.keys.desk.cases.Warning;
import nl.klachtenbalie.keys.desk.service.Desk;
import nl.klachtenbalie.keys.desk.text.Messages;

/** The case list: search, filters, overdue cases first. */
final class CaseListPage {

    static final int SUMMARY_CHARS = 140;

    private final Desk desk;
    private final Messages m;
    private final Layout layout;
    private final Handles handles;

    CaseListPage(Desk desk, Messages m, Layout layout, Handles handles) {
        this.desk = desk;
        this.m = m;
        this.layout = layout;
        this.handles = handles;
    }

    void get(Exchange ex) throws IOException {
        String q = ex.query("q");
        String state = ex.query("state");
        boolean mine = "1".equals(ex.query("mine"));
        boolean overdueOnly = "1".equals(ex.query("overdue"));
        LocalDate today = desk.today();
        Predicate<Case> filter = c -> (state.isEmpty() ? c.state() != CaseState.CLOSED || !q.isEmpty()
                : c.state().code().equals(state))
                && (!mine || desk.memberId().equals(c.assignee()))
                && (!overdueOnly || c.deadlines(today).overdue());
        List<Case> cases = desk.cases(q, filter);
        Html h = new Html();
        h.el("h1", null, m.get("list.title"));
        h.raw("<form method=\"get\" action=\"").text(ex.base() + "/").raw("\" class=\"search\">");
        h.raw("<label>").text(m.get("list.search")).raw(" <input type=\"search\" name=\"q\" value=\"").text(q).raw("\"></label> ");
        h.raw("<label>").text(m.get("list.state")).raw(" <select name=\"state\">");
        h.option("", m.get("list.state.open"), state.isEmpty());
        for (CaseState s : CaseState.values()) {
            h.option(s.code(), m.get("state." + s.code()), s.code().equals(state));
        }
        h.raw("</select></label> <label><input type=\"checkbox\" name=\"mine\" value=\"1\"").raw(mine ? " checked" : "")
                .raw("> ").text(m.get("list.mine")).raw("</label> <label><input type=\"checkbox\" name=\"overdue\" value=\"1\"")
                .raw(overdueOnly ? " checked" : "").raw("> ").text(m.get("list.overdue")).raw("</label> ");
        h.button(m.get("list.go")).raw("</form>");
        List<Warning> deskWarnings = desk.deskWarnings();
        if (!deskWarnings.isEmpty()) {
            h.raw("<section class=\"alarm\">").el("h2", null, m.get("warnings.desk", deskWarnings.size())).raw("<ul>");
            for (Warning w : deskWarnings) {
                h.el("li", null, w.day() + ": " + m.get(w.key(), w.args()));
            }
            h.raw("</ul></section>");
        }
        if (cases.isEmpty()) {
            h.el("p", "empty", m.get(q.isEmpty() ? "list.empty" : "list.noMatch"));
        } else {
            h.el("p", null, m.get("list.count", cases.size()));
            h.raw("<table class=\"cases\"><thead><tr>");
            for (String col : List.of("list.col.due", "list.col.state", "list.col.received", "list.col.summary",
                    "list.col.assignee", "list.col.labels")) {
                h.el("th", null, m.get(col));
            }
            h.raw("</tr></thead><tbody>");
            for (Case c : cases) {
                row(h, ex, c, today);
            }
            h.raw("</tbody></table>");
        }
        ex.html(200, layout.page(ex, "list.title", h.toString()));
    }

    private void row(Html h, Exchange ex, Case c, LocalDate today) {
        Deadlines d = c.deadlines(today);
        h.raw(d.overdue() ? "<tr class=\"overdue\">" : "<tr>");
        h.el("td", null, dueText(d));
        h.el("td", null, m.get("state." + c.state().code()));
        h.el("td", null, c.reportDay().toString());
        String text = c.reportText();
        String summary = text.length() > SUMMARY_CHARS ? text.substring(0, SUMMARY_CHARS) + "…" : text;
        h.raw("<td class=\"summary\">");
        if (!c.warnings().isEmpty()) {
            h.el("span", "badge", m.get("list.warnings", c.warnings().size())).raw(" ");
        }
        h.link(ex.base() + "/case/" + handles.of(c.mailbox()), summary.isBlank() ? m.get("list.noText") : summary);
        h.raw("</td>");
        h.el("td", null, c.assignee());
        h.el("td", null, String.join(", ", c.labels()));
        h.raw("</tr>");
    }

    String dueText(Deadlines d) {
        if (d.next() == null) {
            return m.get("due.none");
        }
        String which = m.get(d.acknowledged() ? "due.feedback" : "due.acknowledge");
        if (d.overdue()) {
            return m.get("due.overdue", which, -d.daysLeft());
        }
        return m.get("due.in", which, d.daysLeft());
    }
}
