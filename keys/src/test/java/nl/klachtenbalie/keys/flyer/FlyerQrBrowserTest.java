package nl.klachtenbalie.keys.flyer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The strong round trip: every flyer and poster is rendered by Debian's Chromium
 * ({@code keys/src/test/js/flyer-qr.mjs}), each QR code is cut from the rendered pixels and decoded
 * with ZXing, and the text must be exactly the address or fingerprint. Screenshots of the whole
 * flyers land in {@code keys/target/flyers/} for people to look at.
 */
class FlyerQrBrowserTest {

    @TempDir
    Path tmp;

    @Test
    void qrCodesScanFromTheRenderedFlyers() throws Exception {
        Path repo = FlyerCommandTest.repo();
        Path clientWeb = repo.resolve("client-web");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Debian chromium is not installed");
        assumeTrue(Files.isDirectory(clientWeb.resolve("node_modules/playwright-core")),
                "run 'npm ci' in client-web first (the Maven build does)");
        Path team = tmp.resolve("team");
        String fp = FlyerFixture.team(team, "amsterdam-1");
        Path svgs = tmp.resolve("svg");
        FlyerFixture.Result r = FlyerFixture.run("flyer", "--lang", "all", "--dir", team.toString(), "--url", FlyerFixture.URL,
                "--onion", FlyerFixture.ONION, "--out", svgs.toString());
        assertEquals(0, r.code(), r.err());

        Path shots = repo.resolve("keys/target/flyers");
        Process p = new ProcessBuilder("node", repo.resolve("keys/src/test/js/flyer-qr.mjs").toString(), svgs.toString(),
                clientWeb.toString(), shots.toString()).redirectErrorStream(true).start();
        boolean finished = p.waitFor(240, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            p.destroyForcibly();
        }
        assertEquals(0, finished ? p.exitValue() : -1, out);

        Map<String, String> want = Map.of("qr-url", FlyerFixture.URL, "qr-onion", FlyerFixture.ONION, "qr-fingerprint", fp);
        List<String> lines = Files.readAllLines(shots.resolve("index.txt"));
        Map<String, Integer> perFile = new TreeMap<>();
        for (String line : lines) {
            String[] parts = line.split(" ", 3);
            BufferedImage img = ImageIO.read(Path.of(parts[2]).toFile());
            List<String> texts = decode(img, line);
            assertFalse(texts.isEmpty(), line);
            texts.forEach(text -> assertEquals(want.get(parts[1]), text, line));
            perFile.merge(parts[0], 1, Integer::sum);
        }
        assertEquals(FlyerText.LANGUAGES.size() * 2, perFile.size(), perFile.toString());
        perFile.forEach((file, n) -> assertEquals(3, n, file));
    }

    /**
     * Every QR code ZXing finds in one cut-out. The multi reader, because ZXing's single reader keeps only
     * its three best finder-pattern candidates: a code whose data happens to contain a finder-like run
     * (1:1:3:1:1) then may fail to scan although it is drawn exactly right: one random fingerprint in 80 to
     * 250 at these sizes (simulated, 2,000 each), so this test failed now and then. The multi reader tries every plausible
     * triple, as a phone does by trying frame after frame; a code that is really damaged still fails.
     */
    private static List<String> decode(BufferedImage img, String line) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img)));
        try {
            return Arrays.stream(new QRCodeMultiReader().decodeMultiple(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)))
                    .map(Result::getText).toList();
        } catch (NotFoundException e) {
            throw new AssertionError("no QR code scans from " + line, e);
        }
    }
}
