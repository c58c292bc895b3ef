package nl.klachtenbalie.keys.desk.web;

import nl.klachtenbalie.keys.desk.service.Desk;
import nl.klachtenbalie.keys.desk.team.BundleStatus;
import nl.klachtenbalie.keys.desk.text.Messages;

/** The frame around every page: navigation, the team-bundle countdown, the close button. */
final class Layout {

    private final Desk desk;
    private final Messages m;
    private final String secret;

    Layout(Desk desk, Messages m, String secret) {
        this.desk = desk;
        this.m = m;
        this.secret = secret;
    }

    /** The page title never contains decrypted content. */
    String page(Exchange ex, String titleKey, String body) {
        String base = ex.base();
        Html h = new Html();
        h.raw("<!doctype html><html lang=\"").text(m.locale().getLanguage()).raw("\"><head><meta charset=\"utf-8\">")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .raw("<title>").text(m.get("app.title") + " — " + m.get(titleKey)).raw("</title>")
                .raw("<link rel=\"stylesheet\" href=\"").text(base + "/static/desk.css").raw("\"></head><body>");
        h.raw("<header><nav>");
        h.link(base + "/", m.get("nav.cases")).raw(" ");
        h.link(base + "/import", m.get("nav.import")).raw(" ");
        h.link(base + "/outbox", m.get("nav.outbox", desk.unsentCount())).raw(" ");
        h.link(base + "/kaart", m.get("nav.kaart")).raw(" ");
        h.link(base + "/stats", m.get("nav.stats")).raw(" ");
        h.el("span", "member", m.get("nav.member", desk.memberId()));
        h.formStart(base + "/quit", secret, "inline").button(m.get("nav.close")).raw("</form>");
        h.raw("</nav>");
        BundleStatus b = desk.bundleStatus();
        if (b.expired()) {
            h.el("p", "alarm", m.get("bundle.expired", b.version(), b.expires()));
        } else if (b.expiringSoon()) {
            h.el("p", "warning", m.get("bundle.expiring", b.version(), b.daysLeft(), b.expires()));
        } else {
            h.el("p", "bundle", m.get("bundle.ok", b.version(), b.daysLeft(), b.expires()));
        }
        h.raw("</header><main>").raw(body).raw("</main></body></html>");
        return h.toString();
    }
}
