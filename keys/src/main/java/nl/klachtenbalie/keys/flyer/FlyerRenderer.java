package nl.klachtenbalie.keys.flyer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Draws the outreach material as SVG: an A6 flyer and an A4 poster (the same layout at twice the
 * size — A4 is A6 doubled), with the service address, the onion address if there is one, the team
 * fingerprint, and a QR code for each. Text is laid out here (SVG does not wrap), with a font scale
 * that shrinks until everything fits the page.
 */
public final class FlyerRenderer {

    /** What the flyer announces. */
    public record Content(String url, Optional<String> onion, String fingerprint, boolean demo) {
    }

    public enum Format {
        A6_FLYER("flyer", "105mm", "148mm"),
        A4_POSTER("poster", "210mm", "297mm");

        final String name;
        final String width;
        final String height;

        Format(String name, String width, String height) {
            this.name = name;
            this.width = width;
            this.height = height;
        }

        public String fileName(String lang) {
            return name + "-" + lang + (this == A6_FLYER ? "-a6" : "-a4") + ".svg";
        }
    }

    static final double W = 105;
    static final double H = 148;
    static final double MARGIN = 7;
    private static final String SANS = "'DejaVu Sans','Noto Sans','Noto Sans Thai','Loma','Garuda',Arial,sans-serif";
    private static final String MONO = "'DejaVu Sans Mono','Noto Sans Mono','Liberation Mono',monospace";

    private FlyerRenderer() {
    }

    public static String svg(FlyerText t, Content c, Format format) {
        for (double scale = 1.0; scale > 0.5; scale -= 0.05) {
            Optional<String> body = layout(t, c, scale);
            if (body.isPresent()) {
                return document(t, format, body.get());
            }
        }
        throw new IllegalStateException("the " + t.lang() + " flyer text does not fit the page; shorten the catalog");
    }

    private static String document(FlyerText t, Format f, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + f.width + "\" height=\"" + f.height
                + "\" viewBox=\"0 0 " + QrSvg.num(W) + " " + QrSvg.num(H) + "\" xml:lang=\"" + t.lang() + "\" direction=\""
                + t.dir() + "\">\n"
                + "<!-- klachtenbalie outreach " + f.name + " (" + t.lang() + "), drawn by 'keys flyer'. Text: "
                + (t.reviewed() ? "reviewed" : "MACHINE-DRAFTED, not reviewed by a native speaker") + ". -->\n"
                + "<title>" + esc(t.headline()) + "</title>\n"
                + "<rect x=\"0\" y=\"0\" width=\"" + QrSvg.num(W) + "\" height=\"" + QrSvg.num(H) + "\" fill=\"#fff\"/>\n"
                + body + "</svg>\n";
    }

    /** The page at one font scale, or empty if it does not fit. */
    private static Optional<String> layout(FlyerText t, Content c, double s) {
        StringBuilder sb = new StringBuilder();
        double width = W - 2 * MARGIN;
        double y = MARGIN;
        if (c.demo()) {
            y = text(sb, "DEMO — not a real service / geen echte dienst", MARGIN, y, 3.4 * s, width, true, SANS, "#b00020");
            y += 1.5 * s;
        }
        y = text(sb, t.headline(), MARGIN, y, 7.2 * s, width, true, SANS, "#1a1a1a");
        y += 2 * s;
        y = text(sb, t.intro(), MARGIN, y, 3.5 * s, width, false, SANS, "#1a1a1a");
        y += 1.2 * s;
        y = text(sb, t.readers(), MARGIN, y, 3.5 * s, width, false, SANS, "#1a1a1a");
        y += 3 * s;

        // The addresses, each with its QR code.
        boolean two = c.onion().isPresent();
        double qr = two ? Math.min(40, 40 * s + 4) : 46 * s;
        double colW = two ? (width - 6) / 2 : width;
        double col2 = MARGIN + colW + 6;
        double qrTop = y;
        double yLeft = text(sb, t.addressLabel(), MARGIN, qrTop, 3.2 * s, colW, true, SANS, "#1a1a1a") + 0.8;
        sb.append(QrSvg.group("qr-url", c.url(), MARGIN, yLeft, qr));
        yLeft = text(sb, display(c.url()), MARGIN, yLeft + qr + 0.8, 3.1 * s, colW, true, MONO, "#1a1a1a");
        double yRight = yLeft;
        if (two) {
            yRight = text(sb, t.onionLabel(), col2, qrTop, 3.2 * s, colW, true, SANS, "#1a1a1a") + 0.8;
            sb.append(QrSvg.group("qr-onion", c.onion().get(), col2, yRight, qr));
            yRight = text(sb, display(c.onion().get()), col2, yRight + qr + 0.8, 2.6 * s, colW, false, MONO, "#1a1a1a");
        }
        y = Math.max(yLeft, yRight) + 2.5 * s;

        // Safety advice, on a tinted band.
        StringBuilder band = new StringBuilder();
        double bandEnd = text(band, t.safety(), MARGIN + 2, y + 2, 3.4 * s, width - 4, true, SANS, "#1a1a1a");
        sb.append("<rect x=\"").append(QrSvg.num(MARGIN)).append("\" y=\"").append(QrSvg.num(y)).append("\" width=\"")
                .append(QrSvg.num(width)).append("\" height=\"").append(QrSvg.num(bandEnd - y + 1.5))
                .append("\" rx=\"1.5\" fill=\"#eef3f8\"/>\n").append(band);
        y = bandEnd + 4 * s;

        // The team fingerprint: text on the left, QR code on the right.
        double fpQr = 26 * s;
        double textW = width - fpQr - 3;
        double fpTop = y;
        y = text(sb, t.fingerprintLabel(), MARGIN, y, 3.4 * s, textW, true, SANS, "#1a1a1a") + 0.8;
        y = text(sb, c.fingerprint().substring(0, 19), MARGIN, y, 3.6 * s, textW, true, MONO, "#000");
        y = text(sb, c.fingerprint().substring(20), MARGIN, y, 3.6 * s, textW, true, MONO, "#000");
        y = text(sb, t.fingerprintText(), MARGIN, y + 1, 2.8 * s, textW, false, SANS, "#1a1a1a");
        sb.append(QrSvg.group("qr-fingerprint", c.fingerprint(), W - MARGIN - fpQr, fpTop, fpQr));
        y = Math.max(y, fpTop + fpQr);
        return y <= H - MARGIN + 0.01 ? Optional.of(sb.toString()) : Optional.empty();
    }

    /** Writes wrapped text with its top at {@code top}; returns the y below the last line. */
    private static double text(StringBuilder sb, String text, double x, double top, double size, double width,
            boolean bold, String family, String color) {
        double charW = size * (MONO.equals(family) ? 0.61 : bold ? 0.6 : 0.54);
        int perLine = Math.max(8, (int) Math.floor(width / charW));
        double lineH = size * 1.25;
        double y = top;
        for (String line : wrap(text, perLine)) {
            y += size;
            sb.append("<text x=\"").append(QrSvg.num(x)).append("\" y=\"").append(QrSvg.num(y)).append("\" font-family=\"")
                    .append(family).append("\" font-size=\"").append(QrSvg.num(size)).append('"')
                    .append(bold ? " font-weight=\"bold\"" : "").append(" fill=\"").append(color).append("\">")
                    .append(esc(line)).append("</text>\n");
            y += lineH - size;
        }
        return y;
    }

    /** Greedy wrapping at spaces; a word longer than a line (an address) is cut where it must be. */
    static List<String> wrap(String text, int perLine) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            while (word.codePointCount(0, word.length()) > perLine) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                int cut = word.offsetByCodePoints(0, perLine);
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            int len = line.codePointCount(0, line.length());
            if (len > 0 && len + 1 + word.codePointCount(0, word.length()) > perLine) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** An address as people type it: without the scheme and a trailing slash (the QR code has it all). */
    static String display(String url) {
        String d = url.replaceFirst("^https?://", "");
        return d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
