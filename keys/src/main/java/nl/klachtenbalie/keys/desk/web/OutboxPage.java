package nl.klachtenbalie.keys.desk.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import nl.klachtenbalie.keys.desk.service.Desk;
import nl.klachtenbalie.keys.desk.service.OutboxWriter;
import nl.klachtenbalie.keys.desk.text.Messages;

/** Writes everything waiting — replies, internal events, purge list — as one signed outbox file for the transfer machine. */
final class OutboxPage {

    private final Desk desk;
    private final Messages m;
    private final Layout layout;
    private final String secret;
    private final Supplier<Path> defaultDirectory;
    private volatile OutboxWriter.Written last;

    OutboxPage(Desk desk, Messages m, Layout layout, String secret, Supplier<Path> defaultDirectory) {
        this.desk = desk;
        this.m = m;
        this.layout = layout;
        this.secret = secret;
        this.defaultDirectory = defaultDirectory;
    }

    void get(Exchange ex) throws IOException {
        Html h = new Html();
        h.el("h1", null, m.get("outbox.title"));
        OutboxWriter.Written w = last;
        if (w != null) {
            h.el("p", "ok", m.get("outbox.written", w.file(), w.replies(), w.internal(), w.purge()));
        }
        h.el("p", null, m.get("outbox.waiting", desk.unsentCount()));
        h.el("p", "hint", m.get("outbox.unconfirmed", desk.unconfirmedCount()));
        h.el("p", "hint", m.get("outbox.hint"));
        Path dir = defaultDirectory.get();
        h.formStart(ex.base() + "/outbox", secret, null).raw("<label>").text(m.get("outbox.directory"))
                .raw(" <input name=\"dir\" size=\"60\" value=\"").text(dir == null ? "" : dir.toString()).raw("\"></label> ")
                .button(m.get("outbox.write")).raw("</form>");
        if (!desk.outboxLog().isEmpty()) {
            h.el("h2", null, m.get("outbox.log")).raw("<ul>");
            desk.outboxLog().forEach(line -> h.el("li", null, line));
            h.raw("</ul>");
        }
        ex.html(200, layout.page(ex, "outbox.title", h.toString()));
    }

    void post(Exchange ex) throws IOException {
        last = desk.writeOutbox(Path.of(ex.form("dir").strip()).toAbsolutePath().normalize());
        ex.redirect("/outbox");
    }
}
