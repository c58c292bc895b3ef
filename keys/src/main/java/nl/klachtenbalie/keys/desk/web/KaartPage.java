package nl.klachtenbalie.keys.desk.web;

import java.io.IOException;
import nl.klachtenbalie.keys.desk.events.FormCodes;
import nl.klachtenbalie.keys.desk.kaart.Organisation;
import nl.klachtenbalie.keys.desk.kaart.SocialeKaart;
import nl.klachtenbalie.keys.desk.text.Messages;

/** The referral directory: find organisations by region and topic, and keep the list current. */
final class KaartPage {

    private final SocialeKaart kaart;
    private final Messages m;
    private final Layout layout;
    private final String secret;

    KaartPage(SocialeKaart kaart, Messages m, Layout layout, String secret) {
        this.kaart = kaart;
        this.m = m;
        this.layout = layout;
        this.secret = secret;
    }

    void get(Exchange ex) throws IOException {
        String region = ex.query("region");
        String topic = ex.query("topic");
        Html h = new Html();
        h.el("h1", null, m.get("kaart.title"));
        h.el("p", "hint", m.get("kaart.hint"));
        h.raw("<form method=\"get\" action=\"").text(ex.base() + "/kaart").raw("\" class=\"search\"><label>")
                .text(m.get("kaart.region")).raw(" <input name=\"region\" value=\"").text(region).raw("\"></label> <label>")
                .text(m.get("kaart.topic")).raw(" <select name=\"topic\">");
        h.option("", m.get("kaart.anyTopic"), topic.isEmpty());
        for (String t : FormCodes.CODED.get("topic")) {
            h.option(t, m.get("code.topic." + t), t.equals(topic));
        }
        h.raw("</select></label> ").button(m.get("list.go")).raw("</form>");
        h.raw("<table class=\"kaart\"><thead><tr>");
        for (String col : new String[] {"kaart.name", "kaart.regions", "kaart.topics", "kaart.description", "kaart.contact", ""}) {
            h.el("th", null, col.isEmpty() ? "" : m.get(col));
        }
        h.raw("</tr></thead><tbody>");
        Organisation editing = kaart.get(ex.query("edit")).orElse(null);
        for (Organisation o : kaart.find(region, topic)) {
            h.raw("<tr>").el("td", null, o.name()).el("td", null, String.join(", ", o.regions()))
                    .el("td", null, String.join(", ", o.topics().stream().map(t -> m.get("code.topic." + t)).toList()))
                    .el("td", null, o.description()).el("td", null, o.contact()).raw("<td>");
            h.link(ex.base() + "/kaart?edit=" + o.id(), m.get("kaart.edit")).raw(" ");
            h.formStart(ex.base() + "/kaart/delete", secret, "inline").hidden("id", o.id()).button(m.get("kaart.delete"))
                    .raw("</form></td></tr>");
        }
        h.raw("</tbody></table>");
        h.el("h2", null, m.get(editing == null ? "kaart.add" : "kaart.editing"));
        h.formStart(ex.base() + "/kaart", secret, "kaart-edit");
        field(h, "id", "kaart.id", editing == null ? "" : editing.id());
        field(h, "name", "kaart.name", editing == null ? "" : editing.name());
        field(h, "regions", "kaart.regionsList", editing == null ? "" : String.join(", ", editing.regions()));
        field(h, "topics", "kaart.topicsList", editing == null ? "" : String.join(", ", editing.topics()));
        field(h, "languages", "kaart.languages", editing == null ? "" : String.join(", ", editing.languages()));
        field(h, "description", "kaart.description", editing == null ? "" : editing.description());
        field(h, "contact", "kaart.contact", editing == null ? "" : editing.contact());
        h.button(m.get("kaart.save")).raw("</form>");
        ex.html(200, layout.page(ex, "kaart.title", h.toString()));
    }

    private void field(Html h, String name, String key, String value) {
        h.raw("<label>").text(m.get(key)).raw(" <input name=\"").text(name).raw("\" value=\"").text(value)
                .raw("\" size=\"60\"></label><br>");
    }

    void post(Exchange ex) throws IOException {
        kaart.put(new Organisation(ex.form("id").strip(), ex.form("name").strip(), SocialeKaart.splitList(ex.form("regions")),
                SocialeKaart.splitList(ex.form("topics")), SocialeKaart.splitList(ex.form("languages")),
                ex.form("description").strip(), ex.form("contact").strip()));
        ex.redirect("/kaart");
    }

    void delete(Exchange ex) throws IOException {
        kaart.remove(ex.form("id"));
        ex.redirect("/kaart");
    }
}
