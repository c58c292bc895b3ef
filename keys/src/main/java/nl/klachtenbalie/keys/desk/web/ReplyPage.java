package nl.klachtenbalie.keys.desk.web;

import java.io.IOException;
import java.util.List;
import nl.klachtenbalie.keys.desk.cases.Case;
import nl.klachtenbalie.keys.desk.kaart.Organisation;
import nl.klachtenbalie.keys.desk.kaart.SocialeKaart;
import nl.klachtenbalie.keys.desk.service.Desk;
import nl.klachtenbalie.keys.desk.text.Messages;
import nl.klachtenbalie.keys.desk.text.ReplyTemplates;

/**
 * The reply composer: pick a language and a template, optionally an organisation from the
 * referral directory (filtered by the case's topic and place), edit, send. Works without any
 * script: choosing a template or organisation is a GET that re-renders the form.
 */
final class ReplyPage {

    private final Desk desk;
    private final Messages m;
    private final Layout layout;
    private final Handles handles;
    private final ReplyTemplates templates;
    private final SocialeKaart kaart;
    private final String secret;

    ReplyPage(Desk desk, Messages m, Layout layout, Handles handles, ReplyTemplates templates, SocialeKaart kaart, String secret) {
        this.desk = desk;
        this.m = m;
        this.layout = layout;
        this.handles = handles;
        this.templates = templates;
        this.kaart = kaart;
        this.secret = secret;
    }

    void get(Exchange ex, Case c) throws IOException {
        String caseBase = ex.base() + "/case/" + handles.of(c.mailbox());
        String lang = templates.languages().contains(ex.query("lang")) ? ex.query("lang") : "en";
        String kind = ReplyTemplates.KINDS.contains(ex.query("template")) ? ex.query("template") : "";
        String org = kaart.get(ex.query("org")).map(Organisation::referralText).orElse("");
        if (!org.isEmpty()) {
            kind = "referral";
        }
        String text = kind.isEmpty() ? "" : templates.fill(lang, kind, org).orElse("");
        Html h = new Html();
        h.el("h1", null, m.get("reply.title", c.reportDay()));
        h.el("p", "hint", m.get("reply.hint", m.get("lang." + c.replyLang())));
        h.raw("<form method=\"get\" action=\"").text(caseBase + "/reply").raw("\" class=\"inline\">");
        h.raw("<label>").text(m.get("reply.lang")).raw(" <select name=\"lang\">");
        for (String l : templates.languages()) {
            h.option(l, m.get("lang." + l), l.equals(lang));
        }
        h.raw("</select></label> <label>").text(m.get("reply.template")).raw(" <select name=\"template\">");
        h.option("", m.get("reply.template.none"), kind.isEmpty());
        for (String k : ReplyTemplates.KINDS) {
            h.option(k, m.get("template." + k), k.equals(kind));
        }
        h.raw("</select></label> ").button(m.get("reply.useTemplate")).raw("</form>");
        List<Organisation> orgs = kaart.find(c.form().getOrDefault("place", ""), c.form().getOrDefault("topic", ""));
        if (orgs.isEmpty()) {
            orgs = kaart.all();
        }
        h.raw("<form method=\"get\" action=\"").text(caseBase + "/reply").raw("\" class=\"inline\">").hidden("lang", lang);
        h.raw("<label>").text(m.get("reply.referral")).raw(" <select name=\"org\">");
        for (Organisation o : orgs) {
            h.option(o.id(), o.name() + " (" + String.join(", ", o.regions()) + ")", o.id().equals(ex.query("org")));
        }
        h.raw("</select></label> ").button(m.get("reply.insertOrg")).raw("</form>");
        h.formStart(caseBase + "/reply", secret, "composer").hidden("lang", lang);
        h.raw("<label>").text(m.get("reply.text")).raw("<br><textarea name=\"text\" rows=\"16\" maxlength=\"20000\">")
                .text(text).raw("</textarea></label><br>");
        h.el("p", "hint", m.get("reply.signedBy", desk.memberId()));
        h.button(m.get("reply.send")).raw("</form>");
        h.link(caseBase, m.get("reply.back"));
        ex.html(200, layout.page(ex, "reply.pageTitle", h.toString()));
    }

    void post(Exchange ex, Case c) throws IOException {
        desk.reply(c.mailbox(), ex.form("lang"), ex.form("text"));
        ex.redirect("/case/" + handles.of(c.mailbox()));
    }
}
