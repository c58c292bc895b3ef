package nl.klachtenbalie.keys.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtime half of "the desk makes no outbound connection", measured by the kernel: the real
 * {@code keys desk} runs a full cycle in a child JVM inside its own network namespace
 * ({@code unshare -n}, needs root), where a local route for 0.0.0.0/0 makes every IPv4 address
 * loopback — so any attempted connection or DNS query anywhere would be counted in the
 * namespace's TCP and UDP counters. The only TCP connections opened must be the probe's own
 * requests to the desk; no datagram may be sent. A control run that does one DNS lookup and one
 * connect shows the counters catch both.
 */
class NoNetworkTest {

    @TempDir
    Path tmp;

    @Test
    void aWholeCycleOpensNoConnectionButTheDesksOwn() throws Exception {
        Map<String, Long> r = probe(tmp.resolve("run"), false);
        assertEquals(1, r.get("outbox"), "the cycle completed and wrote an outbox");
        assertEquals(r.get("clientConnections"), r.get("activeOpens"), "TCP connections besides the probe's own");
        assertEquals(0, r.get("udpOut"), "datagrams sent (DNS or otherwise)");
    }

    @Test
    void theCountersCatchALookupAndAConnect() throws Exception {
        Map<String, Long> r = probe(tmp.resolve("control"), true);
        assertTrue(r.get("udpOut") > 0, "a DNS lookup is counted: " + r);
        assertTrue(r.get("activeOpens") > r.get("clientConnections"), "an outbound connect is counted: " + r);
    }

    private static Map<String, Long> probe(Path dir, boolean control) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")) && Files.isExecutable(Path.of("/usr/sbin/ip")),
                "unshare and ip are needed");
        assumeTrue("root".equals(System.getProperty("user.name")), "creating a network namespace needs root");
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "ip link set lo up && ip route add local 0.0.0.0/0 dev lo table local && exec \"$@\"";
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/unshare", "-n", "sh", "-c", script, "sh", java,
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                NoNetworkProbe.class.getName(), dir.toString()));
        if (control) {
            cmd.add("control");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assumeTrue(!out.contains("Operation not permitted"), "network namespaces are not permitted here: " + out);
        assertTrue(done && p.exitValue() == 0, out);
        Matcher m = Pattern.compile("RESULT activeOpens=(\\d+) clientConnections=(\\d+) udpOut=(\\d+) outbox=(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        Map<String, Long> r = new HashMap<>();
        r.put("activeOpens", Long.parseLong(m.group(1)));
        r.put("clientConnections", Long.parseLong(m.group(2)));
        r.put("udpOut", Long.parseLong(m.group(3)));
        r.put("outbox", Long.parseLong(m.group(4)));
        return r;
    }
}
