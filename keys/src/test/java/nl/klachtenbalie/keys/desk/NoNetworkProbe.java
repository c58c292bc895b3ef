package nl.klachtenbalie.keys.desk;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import nl.klachtenbalie.crypto.event.AttachmentRef;
import nl.klachtenbalie.crypto.event.ReportForm;
import nl.klachtenbalie.keys.cli.CliEnvironment;
import nl.klachtenbalie.keys.cli.KeysCommand;

/**
 * Runs in a child JVM inside a network namespace (see {@link NoNetworkTest}): starts the real
 * {@code keys desk} command, drives a whole import → photo → note → reply → outbox → close cycle
 * over HTTP, and reports how many TCP connections were opened and UDP datagrams sent in the
 * namespace, from the kernel's own counters. With {@code control} it also tries a DNS lookup and
 * an outbound connection, to show the counters catch them.
 *
 * <p>Output: one line {@code RESULT activeOpens=… clientConnections=… udpOut=… outbox=…}.
 */
public final class NoNetworkProbe {

    public static void main(String[] args) throws Exception {
        Path tmp = Path.of(args[0]);
        boolean control = args.length > 1 && args[1].equals("control");
        Path team = TeamFixture.write(Files.createDirectories(tmp.resolve("team")));
        Path usb = Files.createDirectories(tmp.resolve("media/usb"));
        SimulatedReporter rep = new SimulatedReporter();
        ExportBuilder export = new ExportBuilder(0);
        rep.report("Geen loonstrook, fooien ingehouden.", ReportForm.EMPTY, List.of(DeskHarness.image("jpg", Color.RED)),
                List.of(AttachmentRef.ImageType.JPEG)).forEach(e -> export.reporter(rep, e, TeamFixture.TODAY));
        export.write(usb.resolve("export.json"));

        long[] before = counters();
        BlockingQueue<String> url = new ArrayBlockingQueue<>(1);
        OutputStream stdout = new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    url.offer(line.toString());
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        };
        CliEnvironment env = new CliEnvironment(new ByteArrayInputStream(new byte[0]), stdout,
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                Map.of("KB_PASSPHRASE", TeamFixture.PASSPHRASE), null, false, TeamFixture.CLOCK, new SecureRandom());
        Thread desk = new Thread(() -> KeysCommand.run(env, "desk", "--team", team.toString(), "--member", "anna",
                "--store", tmp.resolve("desk").toString(), "--import-dir", tmp.resolve("media").toString()));
        desk.start();
        String deskUrl = url.poll(60, TimeUnit.SECONDS);
        if (deskUrl == null) {
            throw new IllegalStateException("the desk did not start");
        }
        int port = java.net.URI.create(deskUrl).getPort();
        String base = java.net.URI.create(deskUrl).getPath().replaceAll("/$", "");
        RawHttp http = new RawHttp(port);
        Map<String, String> k = Map.of("k", base.substring(1));
        http.post(base + "/import", Map.of("k", base.substring(1), "path", usb.resolve("export.json").toString()));
        for (int i = 0; i < 200 && !http.get(base + "/import/status").text().contains("Import finished"); i++) {
            Thread.sleep(50);
        }
        String casePath = RawHttp.firstCaseLink(http.get(base + "/").text());
        String caseHtml = http.get(casePath).text();
        String photo = caseHtml.replaceAll("(?s).*<img src=\"([^\"]+)\".*", "$1");
        check(http.get(photo).status() == 200, "photo");
        check(http.post(casePath + "/note", Map.of("k", base.substring(1), "text", "notitie")).status() == 303, "note");
        check(http.post(casePath + "/reply", Map.of("k", base.substring(1), "lang", "nl", "text", "Dank je")).status() == 303, "reply");
        check(http.post(base + "/outbox", Map.of("k", base.substring(1), "dir", usb.toString())).status() == 303, "outbox");
        check(http.post(base + "/quit", k).status() == 200, "quit");
        desk.join(30_000);

        if (control) {
            try {
                InetAddress.getByName("example.org");
            } catch (IOException expected) {
                // no resolver answers in the namespace; the datagram was still sent
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}), 443), 500);
            } catch (IOException expected) {
                // nothing listens there
            }
        }
        long[] after = counters();
        long outboxes;
        try (var files = Files.list(usb)) {
            outboxes = files.filter(p -> p.getFileName().toString().startsWith("klachtenbalie-outbox-")).count();
        }
        System.out.println("RESULT activeOpens=" + (after[0] - before[0]) + " clientConnections=" + RawHttp.CONNECTIONS.get()
                + " udpOut=" + (after[1] - before[1]) + " outbox=" + outboxes);
        System.exit(0);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("step failed: " + what);
        }
    }

    /** {Tcp ActiveOpens, Udp OutDatagrams + Udp6OutDatagrams + UdpLite} from the namespace's counters. */
    static long[] counters() throws IOException {
        List<String> snmp = Files.readAllLines(Path.of("/proc/net/snmp"));
        long active = field(snmp, "Tcp:", "ActiveOpens");
        long udp = field(snmp, "Udp:", "OutDatagrams") + field(snmp, "UdpLite:", "OutDatagrams");
        for (String line : Files.readAllLines(Path.of("/proc/net/snmp6"))) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 2 && (p[0].equals("Udp6OutDatagrams") || p[0].equals("UdpLite6OutDatagrams"))) {
                udp += Long.parseLong(p[1]);
            }
        }
        return new long[] {active, udp};
    }

    private static long field(List<String> snmp, String prefix, String name) {
        for (int i = 0; i + 1 < snmp.size(); i++) {
            if (snmp.get(i).startsWith(prefix) && snmp.get(i + 1).startsWith(prefix)) {
                List<String> names = List.of(snmp.get(i).split("\\s+"));
                String[] values = snmp.get(i + 1).split("\\s+");
                return Long.parseLong(values[names.indexOf(name)]);
            }
        }
        return 0;
    }
}
