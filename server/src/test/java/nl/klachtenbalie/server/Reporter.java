package nl.klachtenbalie.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import nl.klachtenbalie.server.reporter.ProofOfWork;

/** A reporter's browser, as far as the server can tell: a mailbox id, a signing key, signed POSTs. */
final class Reporter {
    static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    final TestServer s;
    final byte[] mailbox = new byte[16];
    final Ed25519PrivateKey key = Ed25519PrivateKey.generate(RANDOM);
    String[] extraHeaders = new String[0];

    Reporter(TestServer s) {
        this.s = s;
        RANDOM.nextBytes(mailbox);
    }

    static byte[] randomId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    String challenge() throws Exception {
        return TestServer.json(s.post("/api/v1/challenge", new byte[0], extraHeaders)).get("nonce").asText();
    }

    ObjectNode createBody(String nonce, int difficulty, byte[] clientEventId, byte[] report, List<byte[]> attachments) {
        ObjectNode b = TestServer.JSON.createObjectNode();
        b.put("mailbox", HEX.formatHex(mailbox));
        b.put("publicKey", key.publicKey().hex());
        b.put("nonce", nonce);
        b.put("pow", HEX.formatHex(ProofOfWork.solve(Base64.getUrlDecoder().decode(nonce), difficulty)));
        b.put("clientEventId", HEX.formatHex(clientEventId));
        b.put("report", Blobs.b64(report));
        ArrayNode a = b.putArray("attachments");
        attachments.forEach(x -> a.add(Blobs.b64(x)));
        return b;
    }

    HttpResponse<byte[]> create(byte[] clientEventId, byte[] report, List<byte[]> attachments) throws Exception {
        String nonce = challenge();
        return send("/api/v1/mailbox/create", nonce, createBody(nonce, 8, clientEventId, report, attachments));
    }

    HttpResponse<byte[]> append(byte[] clientEventId, byte[] message) throws Exception {
        String nonce = challenge();
        ObjectNode b = base(nonce);
        b.put("clientEventId", HEX.formatHex(clientEventId));
        b.put("message", Blobs.b64(message));
        return send("/api/v1/mailbox/append", nonce, b);
    }

    HttpResponse<byte[]> events(long after) throws Exception {
        String nonce = challenge();
        ObjectNode b = base(nonce);
        b.put("after", after);
        return send("/api/v1/mailbox/events", nonce, b);
    }

    HttpResponse<byte[]> delete() throws Exception {
        String nonce = challenge();
        return send("/api/v1/mailbox/delete", nonce, base(nonce));
    }

    ObjectNode base(String nonce) {
        ObjectNode b = TestServer.JSON.createObjectNode();
        b.put("mailbox", HEX.formatHex(mailbox));
        b.put("nonce", nonce);
        return b;
    }

    HttpResponse<byte[]> send(String path, String nonce, ObjectNode body) throws Exception {
        byte[] bytes = TestServer.JSON.writeValueAsBytes(body);
        return sendRaw(path, nonce, bytes);
    }

    HttpResponse<byte[]> sendRaw(String path, String nonce, byte[] bytes) throws Exception {
        String[] headers = new String[extraHeaders.length + 2];
        System.arraycopy(extraHeaders, 0, headers, 0, extraHeaders.length);
        headers[extraHeaders.length] = "Authorization";
        headers[extraHeaders.length + 1] = "KB-Ed25519 " + sign(path, nonce, bytes);
        return s.post(path, bytes, headers);
    }

    String sign(String path, String nonce, byte[] body) throws Exception {
        byte[] sig = key.sign(SignatureContext.REQUEST, TestServer.DEPLOYMENT, "POST".getBytes(StandardCharsets.US_ASCII),
                path.getBytes(StandardCharsets.US_ASCII), mailbox, Base64.getUrlDecoder().decode(nonce),
                MessageDigest.getInstance("SHA-256").digest(body));
        return Base64.getEncoder().encodeToString(sig);
    }
}
