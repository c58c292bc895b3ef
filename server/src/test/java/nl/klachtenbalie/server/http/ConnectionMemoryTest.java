package nl.klachtenbalie.server.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.klachtenbalie.server.hostile.Live;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kept-alive connection costs the server little heap. Jetty's default per-connection header cache
 * (a 1,024-entry trie, 96 KiB each) held 96 MB with 1,000 phones connected — most of the heap of the
 * production flags — until {@link HttpApp} turned it off (docs/benchmarks.md §1).
 */
class ConnectionMemoryTest {

    private static final int CONNECTIONS = 300;

    @TempDir
    Path dir;

    @Test
    void idleKeptAliveConnectionsHoldLittleHeap() throws Exception {
        try (Live s = Live.start(dir, Map.of())) {
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            List<Socket> open = new ArrayList<>();
            try {
                exchange(s.port(), open, 10); // the server's one-off structures, outside the measurement
                long before = usedAfterGc(mem);
                exchange(s.port(), open, CONNECTIONS);
                long after = usedAfterGc(mem);
                long perConnection = (after - before) / CONNECTIONS;
                // With the cache on this was ≈ 100 KB per connection; without it a few KB.
                assertTrue(perConnection < 24 * 1024, "heap per idle connection: " + perConnection + " bytes");
            } finally {
                for (Socket socket : open) {
                    socket.close();
                }
            }
        }
    }

    /** Opens {@code n} connections, each answering two requests like a browser's, and leaves them open. */
    private static void exchange(int port, List<Socket> open, int n) throws IOException {
        byte[] request = ("POST /api/v1/challenge HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Mozilla/5.0 (Linux; Android 10)\r\n"
                + "Accept: application/json\r\nAccept-Language: nl-NL,nl;q=0.9\r\nAccept-Encoding: gzip, deflate\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < n; i++) {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            open.add(socket);
            for (int k = 0; k < 2; k++) {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                readResponse(socket.getInputStream());
            }
        }
    }

    private static void readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        String h = head.toString().toLowerCase();
        int i = h.indexOf("content-length:");
        if (!h.startsWith("http/1.1 200") || i < 0) {
            throw new IOException("unexpected answer: " + head);
        }
        int length = Integer.parseInt(h.substring(i + 15, h.indexOf("\r\n", i)).trim());
        if (in.readNBytes(length).length != length) {
            throw new IOException("short body");
        }
    }

    private static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
