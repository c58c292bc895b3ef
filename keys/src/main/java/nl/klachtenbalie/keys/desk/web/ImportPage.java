package nl.klachtenbalie.keys.desk.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.klachtenbalie.keys.desk.DeskException;
import nl.klachtenbalie.keys.desk.exportfile.ExportFile;
import nl.klachtenbalie.keys.desk.service.Desk;
import nl.klachtenbalie.keys.desk.service.ImportProgress;
import nl.klachtenbalie.keys.desk.service.ImportResult;
import nl.klachtenbalie.keys.desk.text.Messages;

/**
 * Import from a USB stick: the desk lists export files it finds on removable media, the worker
 * clicks one, a progress bar follows (the page reloads itself once a second — no script), and
 * afterwards the desk offers to wipe the export file from the stick.
 */
final class ImportPage {

    private final Desk desk;
    private final Messages m;
    private final Layout layout;
    private final String secret;
    private final List<Path> searchRoots;
    private volatile ImportProgress progress;
    private volatile Path importing;
    private volatile Path lastDirectory;
    private volatile boolean wiped;

    ImportPage(Desk desk, Messages m, Layout layout, String secret, List<Path> searchRoots) {
        this.desk = desk;
        this.m = m;
        this.layout = layout;
        this.secret = secret;
        this.searchRoots = searchRoots;
    }

    /** The folder of the last export imported (the USB stick): the default place for the outbox. */
    Path lastDirectory() {
        return lastDirectory;
    }

    void get(Exchange ex) throws IOException {
        Html h = new Html();
        h.el("h1", null, m.get("import.title"));
        h.el("p", "hint", m.get("import.hint"));
        List<Path> found = candidates();
        if (found.isEmpty()) {
            h.el("p", "empty", m.get("import.none", String.join(", ", searchRoots.stream().map(Path::toString).toList())));
        }
        for (Path p : found) {
            h.formStart(ex.base() + "/import", secret, "candidate").hidden("path", p.toString())
                    .el("span", "file", p.toString()).raw(" ").button(m.get("import.this")).raw("</form>");
        }
        h.formStart(ex.base() + "/import", secret, "path").raw("<label>").text(m.get("import.path"))
                .raw(" <input name=\"path\" size=\"60\"></label> ").button(m.get("import.start")).raw("</form>");
        h.link(ex.base() + "/import", m.get("import.refresh"));
        ex.html(200, layout.page(ex, "import.title", h.toString()));
    }

    void post(Exchange ex) throws IOException {
        Path file = Path.of(ex.form("path").strip()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new DeskException("error.import.noFile", file);
        }
        synchronized (this) {
            if (progress != null && progress.phase() != ImportProgress.Phase.DONE
                    && progress.phase() != ImportProgress.Phase.FAILED) {
                throw new DeskException("error.import.running");
            }
            ImportProgress p = new ImportProgress();
            progress = p;
            importing = file;
            wiped = false;
            Thread t = new Thread(() -> run(file, p), "desk-import");
            t.setDaemon(true);
            t.start();
        }
        ex.redirect("/import/status");
    }

    private void run(Path file, ImportProgress p) {
        try {
            desk.importExport(file, p);
            lastDirectory = file.getParent();
        } catch (DeskException e) {
            p.fail(e.key(), e.args().toArray());
        } catch (IOException | RuntimeException e) {
            p.fail("error.import.io", e.getClass().getSimpleName());
        }
    }

    void status(Exchange ex) throws IOException {
        ImportProgress p = progress;
        if (p == null) {
            ex.redirect("/import");
            return;
        }
        Html h = new Html();
        h.el("h1", null, m.get("import.title"));
        h.el("p", "file", importing.toString());
        switch (p.phase()) {
            case DONE -> done(h, ex, p.result());
            case FAILED -> {
                h.el("p", "alarm", m.get(p.errorKey(), p.errorArgs()));
                h.el("p", null, m.get("import.nothingChanged"));
            }
            default -> {
                ex.header("Refresh", "1");
                h.el("p", null, m.get("import.phase." + p.phase().name().toLowerCase(java.util.Locale.ROOT)));
                h.raw("<progress max=\"100\" value=\"").text(String.valueOf(p.percent())).raw("\">")
                        .text(p.percent() + "%").raw("</progress> ").text(p.percent() + "%");
            }
        }
        ex.html(200, layout.page(ex, "import.title", h.toString()));
    }

    private void done(Html h, Exchange ex, ImportResult r) {
        h.raw("<progress max=\"100\" value=\"100\">100%</progress>");
        h.el("p", "ok", m.get("import.done"));
        h.raw("<ul>");
        h.el("li", null, m.get("import.newCases", r.newCases()));
        h.el("li", null, m.get("import.newMessages", r.newMessages()));
        h.el("li", null, m.get("import.newPhotos", r.newPhotos()));
        h.el("li", null, m.get("import.replies", r.replies() + r.internal()));
        h.el("li", null, m.get("import.duplicates", r.duplicates()));
        h.el("li", null, m.get("import.forgotten", r.forgottenCases()));
        h.raw("</ul>");
        if (r.rejected() > 0) {
            h.el("p", "alarm", m.get("import.rejected", r.rejected()));
        }
        if (r.more()) {
            h.el("p", "warning", m.get("import.more"));
        }
        if (wiped) {
            h.el("p", "ok", m.get("import.wiped"));
        } else {
            h.el("p", null, m.get("import.wipeHint"));
            h.formStart(ex.base() + "/import/wipe", secret, null).button(m.get("import.wipe")).raw("</form>");
        }
        h.link(ex.base() + "/", m.get("import.toCases"));
    }

    void wipe(Exchange ex) throws IOException {
        ImportProgress p = progress;
        if (p == null || p.phase() != ImportProgress.Phase.DONE) {
            throw new DeskException("error.import.notDone");
        }
        desk.wipeFile(importing);
        wiped = true;
        ex.redirect("/import/status");
    }

    /** Export files on removable media: JSON files whose beginning names the export format. */
    List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        for (Path root : searchRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root, 4)) {
                s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json"))
                        .filter(ImportPage::looksLikeExport).limit(50).forEach(out::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable mount point is simply not listed
            }
        }
        return out;
    }

    private static boolean looksLikeExport(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readNBytes(256), StandardCharsets.UTF_8).contains(ExportFile.FORMAT);
        } catch (IOException e) {
            return false;
        }
    }
}
