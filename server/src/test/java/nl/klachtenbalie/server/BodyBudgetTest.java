package nl.klachtenbalie.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request bodies held in memory share one budget: a slow upload cannot let others exhaust the heap. */
class BodyBudgetTest {

    @TempDir
    Path dir;

    @Test
    void aSpentBudgetAnswersBusyAndComesBackWhenTheUploadEnds() throws Exception {
        try (TestServer s = TestServer.start(dir, Map.of("limits.body-memory-bytes", String.valueOf(1024 * 1024)))) {
            int declared = 900 * 1024;
            try (Socket slow = new Socket("127.0.0.1", s.server.port())) {
                OutputStream out = slow.getOutputStream();
                // Headers and a first part of the body only: the server reserves the declared length and waits.
                out.write(("POST /api/v1/mailbox/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[1024]);
                out.flush();
                Thread.sleep(500);

                long t0 = System.nanoTime();
                var busy = s.post("/api/v1/mailbox/create", new byte[declared]);
                assertEquals(503, busy.statusCode(), new String(busy.body(), StandardCharsets.UTF_8));
                assertTrue(new String(busy.body(), StandardCharsets.UTF_8).contains("\"busy\""));
                assertTrue(System.nanoTime() - t0 >= 4_000_000_000L, "it waited for the budget before giving up");

                // The slow upload finishes (it is garbage, so it is refused) and gives its share back.
                out.write(new byte[declared - 1024]);
                out.flush();
                InputStream in = slow.getInputStream();
                String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertTrue(status.startsWith("HTTP/1.1 4"), status);
            }
            var after = s.post("/api/v1/mailbox/create", new byte[declared]);
            assertEquals(400, after.statusCode(), "the budget is free again: the request is read and judged on its content");
        }
    }

    @Test
    void bodiesOfKnownAndUnknownLengthAreReadWhole() throws Exception {
        try (TestServer s = TestServer.start(dir, Map.of())) {
            String json = "{\"mailbox\":\"not hex\",\"attachments\":7}";
            String declared = "POST /api/v1/mailbox/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.length() + "\r\nConnection: close\r\n\r\n" + json;
            String chunked = "POST /api/v1/mailbox/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "5\r\n" + json.substring(0, 5) + "\r\n" + Integer.toHexString(json.length() - 5) + "\r\n"
                    + json.substring(5) + "\r\n0\r\n\r\n";
            for (String request : new String[] {declared, chunked}) {
                String answer = exchange(s, request);
                // Judged on a field in its last chunk, so every byte of the body arrived.
                assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
                assertTrue(answer.contains("\"wrong_type\"") && answer.contains("'attachments'"), answer);
            }
        }
    }

    private static String exchange(TestServer s, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
