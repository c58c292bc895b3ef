package nl.klachtenbalie.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import nl.klachtenbalie.server.team.TeamAccounts;
import nl.klachtenbalie.server.team.Totp;

/** The transfer page, as far as the server can tell. */
final class TeamClient {
    final TestServer s;
    final TeamAccounts.NewAccount account;
    String token;

    TeamClient(TestServer s, String name) {
        this.s = s;
        this.account = s.server.teamAccounts().add(name);
    }

    String code(long offsetSteps) {
        byte[] secret = base32Decode(account.totpSecretBase32());
        return Totp.code(secret, Totp.step(s.clock.instant().getEpochSecond()) + offsetSteps, 6);
    }

    HttpResponse<byte[]> login(String password, String totp) throws Exception {
        ObjectNode b = TestServer.JSON.createObjectNode();
        b.put("name", account.name());
        b.put("password", password);
        b.put("totp", totp);
        HttpResponse<byte[]> r = s.post(path("/api/login"), TestServer.JSON.writeValueAsBytes(b));
        if (r.statusCode() == 200) {
            token = TestServer.json(r).get("token").asText();
        }
        return r;
    }

    void login() throws Exception {
        HttpResponse<byte[]> r = login(account.password(), code(0));
        if (r.statusCode() != 200) {
            throw new AssertionError(new String(r.body(), StandardCharsets.UTF_8));
        }
    }

    HttpResponse<byte[]> call(String api, byte[] body) throws Exception {
        return s.post(path(api), body, "Authorization", "Bearer " + token);
    }

    String path(String api) {
        return s.config.teamPath() + api;
    }

    /** An outbox signed by the demo team's member key (or {@code signer}). */
    static byte[] outbox(Ed25519PrivateKey signer, List<byte[][]> replies, List<byte[][]> internal, List<byte[]> purge)
            throws Exception {
        ObjectNode p = TestServer.JSON.createObjectNode();
        p.put("format", "klachtenbalie-outbox/v1");
        p.put("deployment", TestServer.DEPLOYMENT);
        ArrayNode rs = p.putArray("replies");
        for (byte[][] r : replies) {
            rs.addObject().put("mailbox", Reporter.HEX.formatHex(r[0])).put("eventId", Reporter.HEX.formatHex(r[1]))
                    .put("blob", Blobs.b64(r[2]));
        }
        ArrayNode is = p.putArray("internal");
        for (byte[][] i : internal) {
            is.addObject().put("eventId", Reporter.HEX.formatHex(i[0])).put("blob", Blobs.b64(i[1]));
        }
        ArrayNode ps = p.putArray("purge");
        purge.forEach(m -> ps.add(Reporter.HEX.formatHex(m)));
        byte[] payload = TestServer.JSON.writeValueAsBytes(p);
        ObjectNode file = TestServer.JSON.createObjectNode();
        file.put("payload", Base64.getEncoder().encodeToString(payload));
        file.put("signature", Base64.getEncoder().encodeToString(signer.sign(SignatureContext.OUTBOX, TestServer.DEPLOYMENT, payload)));
        file.put("signingKey", signer.publicKey().hex());
        return TestServer.JSON.writeValueAsBytes(file);
    }

    static byte[] base32Decode(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
