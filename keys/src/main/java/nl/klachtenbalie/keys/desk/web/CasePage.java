package nl.klachtenbalie.keys.desk.web;

import java.io.IOException;
import java.time.LocalDate;
import nl.klachtenbalie.keys.desk.DeskException;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.cases.CaseState;
import nl.klachtenbalie.keys.desk.cases.ConversationItem;
import nl.klachtenbalie.keys.desk.cases.Note;
import nl.klachtenbalie.keys.desk.cases.Photo;
import nl.klachtenbalie.keys.desk.cases.Warning;
import nl.klachtenbalie.keys.desk.events.FormCodes;
import nl.klachtenbalie.keys.desk.service.Desk;
import nl.klachtenbalie.keys.desk.text.Messages;
import nl.klachtenbalie.keys.desk.text.ReplyTemplates;

/**
 * One case: warnings first, then state and actions, the report form, photos, the conversation
 * and the internal notes. Every decrypted string goes through {@link Html#text}; photos are
 * {@code <img>} elements pointing at re-encoded PNGs, never links to files.
 */
final class CasePage {

    private final Desk desk;
    private final Messages m;
    private final Layout layout;
    private final Handles handles;
    private final ReplyTemplates templates;
    private final String secret;
    private final CaseListPage list;

    CasePage(Desk desk, Messages m, Layout layout, Handles handles, ReplyTemplates templates, String secret, CaseListPage list) {
        this.desk = desk;
        this.m = m;
        this.layout = layout;
        this.handles = handles;
        this.templates = templates;
        this.secret = secret;
        this.list = list;
    }

    void get(Exchange ex, Case c) throws IOException {
        String base = ex.base() + "/case/" + handles.of(c.mailbox());
        LocalDate today = desk.today();
        Html h = new Html();
        h.el("h1", null, m.get("case.title", c.reportDay()));
        if (!c.warnings().isEmpty()) {
            h.raw("<section class=\"alarm\">").el("h2", null, m.get("warnings.case", c.warnings().size())).raw("<ul>");
            for (Warning w : c.warnings()) {
                h.el("li", null, w.day() + ": " + m.get(w.key(), w.args()));
            }
            h.raw("</ul>").el("p", null, m.get("warnings.explain")).raw("</section>");
        }
        h.raw("<section class=\"status\">");
        h.el("p", null, m.get("case.state", m.get("state." + c.state().code())) + " · "
                + list.dueText(c.deadlines(today)));
        h.formStart(base + "/state", secret, "inline").raw("<select name=\"state\">");
        for (CaseState s : CaseState.values()) {
            h.option(s.code(), m.get("state." + s.code()), s == c.state());
        }
        h.raw("</select> ").button(m.get("case.setState")).raw("</form> ");
        h.formStart(base + "/assign", secret, "inline").raw("<select name=\"member\">");
        h.option("", m.get("case.unassigned"), c.assignee().isEmpty());
        for (String id : desk.memberIds()) {
            h.option(id, id, id.equals(c.assignee()));
        }
        h.raw("</select> ").button(m.get("case.assign")).raw("</form> ");
        h.formStart(base + "/label", secret, "inline").raw("<input name=\"label\" maxlength=\"40\" size=\"12\"> ")
                .hidden("add", "1").button(m.get("case.addLabel")).raw("</form>");
        for (String label : c.labels()) {
            h.formStart(base + "/label", secret, "inline label").hidden("label", label).hidden("add", "0")
                    .raw("<button type=\"submit\" title=\"").text(m.get("case.removeLabel")).raw("\">")
                    .text(label + " ×").raw("</button></form>");
        }
        h.raw("</section>");
        String lang = templates.languages().contains(c.replyLang()) ? c.replyLang() : "en";
        h.raw("<section class=\"actions\">");
        if (c.replyCount() == 0) {
            h.formStart(base + "/ack", secret, "inline").hidden("lang", lang)
                    .button(m.get("case.acknowledge", m.get("lang." + lang))).raw("</form> ");
        }
        h.link(base + "/reply?lang=" + lang, m.get("case.reply"));
        if (c.state() == CaseState.CLOSED) {
            h.raw(" ").formStart(base + "/purge", secret, "inline").hidden("purge", c.purgeRequested() ? "0" : "1")
                    .button(m.get(c.purgeRequested() ? "case.unpurge" : "case.purge")).raw("</form>");
        }
        h.raw("</section>");
        h.raw("<section class=\"form\">").el("h2", null, m.get("case.form")).raw("<dl>");
        for (String field : FormCodes.FIELDS) {
            String v = c.form().get(field);
            if (v == null) {
                continue;
            }
            h.el("dt", null, m.get("form." + field));
            h.el("dd", null, FormCodes.CODED.containsKey(field) ? m.get("code." + field + "." + v)
                    : "replyLang".equals(field) ? m.get("lang." + v) : v);
        }
        h.el("dt", null, m.get("form.lang")).el("dd", null, m.get("lang." + c.lang()));
        h.raw("</dl></section>");
        if (!c.photos().isEmpty()) {
            h.raw("<section class=\"photos\">").el("h2", null, m.get("case.photos"));
            for (Photo p : c.photos()) {
                if (p.eventId() == null) {
                    h.el("p", "missing", m.get("case.photoMissing", p.seq()));
                } else {
                    h.raw("<img src=\"").text(ex.base() + "/photo/" + handles.of(c.mailbox()) + "/" + p.seq() + ".png")
                            .raw("\" alt=\"").text(m.get("case.photoAlt", p.seq())).raw("\">");
                }
            }
            h.raw("</section>");
        }
        h.raw("<section class=\"conversation\">").el("h2", null, m.get("case.conversation"));
        for (ConversationItem i : c.conversation()) {
            h.raw(i.fromReporter() ? "<article class=\"reporter\">" : "<article class=\"team\">");
            String who = i.fromReporter() ? m.get("conv.reporter", i.day(), m.get("lang." + i.lang()))
                    : m.get("conv.team", i.day(), i.signer(), i.replySeq(), m.get("lang." + i.lang()));
            h.el("p", "meta", who + " · " + m.get(i.fromReporter() ? "conv.verifiedReporter" : "conv.verifiedTeam")
                    + (i.fromReporter() || i.delivered() ? "" : " · " + m.get("conv.notDelivered")));
            h.el("div", "text", i.text());
            h.raw("</article>");
        }
        h.raw("</section>");
        h.raw("<section class=\"notes\">").el("h2", null, m.get("case.notes")).el("p", "hint", m.get("case.notesHint"));
        for (Note n : c.notes()) {
            h.raw("<article class=\"note\">").el("p", "meta", m.get("note.meta", n.day(), n.signer()))
                    .el("div", "text", n.text()).raw("</article>");
        }
        h.formStart(base + "/note", secret, null).raw("<textarea name=\"text\" rows=\"4\" maxlength=\"20000\"></textarea><br>")
                .button(m.get("case.addNote")).raw("</form></section>");
        ex.html(200, layout.page(ex, "case.pageTitle", h.toString()));
    }

    /** POST actions on a case; each ends in a redirect back to the case. */
    void post(Exchange ex, Case c, String action) throws IOException {
        String mailbox = c.mailbox();
        switch (action) {
            case "state" -> desk.setState(mailbox, CaseState.fromCode(ex.form("state"))
                    .orElseThrow(() -> new DeskException("error.web.badRequest")));
            case "assign" -> desk.assign(mailbox, ex.form("member"));
            case "label" -> desk.label(mailbox, ex.form("label"), "1".equals(ex.form("add")));
            case "note" -> desk.addNote(mailbox, ex.form("text"));
            case "purge" -> desk.requestPurge(mailbox, "1".equals(ex.form("purge")));
            case "ack" -> {
                String lang = ex.form("lang");
                desk.acknowledge(mailbox, lang, templates.template(lang, "acknowledgement")
                        .orElseThrow(() -> new DeskException("error.reply.lang")));
            }
            default -> throw new Exchange.WebError(404, "error.web.notFound");
        }
        ex.redirect("/case/" + handles.of(mailbox));
    }
}
