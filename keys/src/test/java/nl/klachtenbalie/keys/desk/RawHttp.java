package nl.klachtenbalie.keys.desk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately raw HTTP/1.1 client: one socket per request, every header written by hand, so
 * tests can send what browsers and attackers send — a foreign Host, a missing Origin — which
 * java.net.http refuses to. Counts its connections (the no-network probe needs the number).
 */
public final class RawHttp {

    public static final AtomicInteger CONNECTIONS = new AtomicInteger();

    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    public Response get(String path) throws IOException {
        return request("GET", path, Map.of("Host", "127.0.0.1:" + port), null);
    }

    /** A same-origin form post, as the desk's own page sends it. */
    public Response post(String path, Map<String, String> form) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:" + port);
        h.put("Origin", origin());
        h.put("Sec-Fetch-Site", "same-origin");
        return request("POST", path, h, form);
    }

    public Response request(String method, String path, Map<String, String> headers, Map<String, String> form)
            throws IOException {
        byte[] body = form == null ? new byte[0] : encode(form).getBytes(StandardCharsets.US_ASCII);
        StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        if (form != null) {
            req.append("Content-Type: application/x-www-form-urlencoded\r\n");
        }
        req.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        CONNECTIONS.incrementAndGet();
        try (Socket s = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return parse(s.getInputStream());
        }
    }

    public static String encode(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    private static Response parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        byte[] raw = all.toByteArray();
        String head = new String(raw, StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        String[] lines = head.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Response(status, headers, body);
    }

    /** The first case handle linked from a page. */
    public static String firstCaseLink(String html) {
        Matcher m = Pattern.compile("href=\"(/[A-Za-z0-9_-]+/case/[A-Za-z0-9_-]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no case link on the page");
        }
        return m.group(1);
    }
}
