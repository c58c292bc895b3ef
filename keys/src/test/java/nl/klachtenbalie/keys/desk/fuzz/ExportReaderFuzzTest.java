package nl.klachtenbalie.keys.desk.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import nl.klachtenbalie.crypto.bundle.BundleFixtures;
import nl.klachtenbalie.keys.desk.DeskException;
import nl.klachtenbalie.keys.desk.exportfile.ExportFile;
import nl.klachtenbalie.keys.desk.exportfile.ExportReader;
import org.junit.jupiter.api.Test;

/**
 * The desk's export-file reader, the one parser on the air-gapped side that reads bytes carried
 * over from the online server. Fuzzed: only {@link DeskException} (or an I/O error) may escape.
 * Plus the hostile files that apply to a JSON export: deep nesting, huge numbers and counts,
 * oversized blobs, path-like ids. Zip slip and decompression bombs do not apply: the export is one
 * JSON document with no file names and no compression (age has none either) — ids are checked
 * against lower-case hex before anything could use them as a name.
 */
class ExportReaderFuzzTest {

    private static final String HEAD = "{\"format\":\"klachtenbalie-export/v1\",\"deployment\":\"" + BundleFixtures.DEPLOYMENT
            + "\",\"after\":0,\"through\":1,\"more\":false,\"records\":[";
    private static final String EVENT = "{\"xseq\":1,\"type\":\"event\",\"mailbox\":\"" + "ab".repeat(16) + "\",\"publicKey\":\""
            + "cd".repeat(32) + "\",\"seq\":1,\"kind\":\"report\",\"eventId\":\"" + "ef".repeat(16)
            + "\",\"day\":\"2026-03-10\",\"blob\":\"QUJD\"}";

    @FuzzTest(maxDuration = "10m")
    void exportFile(byte[] data) {
        try {
            ExportReader.read(new ByteArrayInputStream(data), BundleFixtures.DEPLOYMENT, n -> { });
        } catch (DeskException | IOException expected) {
            // refused
        }
    }

    @Test
    void aValidSeedReads() throws Exception {
        ExportFile f = read(HEAD + EVENT + "]}");
        assertEquals(1, f.records().size());
    }

    @Test
    void hostileExportsAreRefusedCleanly() {
        List<String> hostile = List.of(
                HEAD + "[".repeat(100_000) + "]".repeat(100_000) + "]}",
                HEAD + "{\"xseq\":" + "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000) + "}]}",
                HEAD + EVENT.replace("\"xseq\":1", "\"xseq\":99999999999999999999999999") + "]}",
                HEAD + EVENT.replace("\"xseq\":1", "\"xseq\":1e400") + "]}",
                HEAD + EVENT.replace("\"xseq\":1", "\"xseq\":-1") + "]}",
                HEAD + EVENT.replace("\"seq\":1", "\"seq\":1.0") + "]}",
                HEAD + EVENT.replace("ab".repeat(16), "../../../../etc/passwd") + "]}",
                HEAD + EVENT.replace("ab".repeat(16), "..%2f..%2f" + "a".repeat(22)) + "]}",
                HEAD + EVENT.replace("ef".repeat(16), "EF".repeat(16)) + "]}",
                HEAD + EVENT.replace("2026-03-10", "2026-02-30") + "]}",
                HEAD + EVENT.replace("2026-03-10", "+999999999-12-31") + "]}",
                HEAD + EVENT + "," + EVENT + "]}",
                HEAD + EVENT.replace("\"blob\":\"QUJD\"", "\"blob\":\"QUJD\",\"blob\":\"QUJD\"") + "]}",
                HEAD + EVENT.replace("QUJD", "QUJ=") + "]}",
                HEAD + EVENT.replace("\"kind\":\"report\"", "\"kind\":null") + "]}",
                HEAD + EVENT + "]}trailing",
                HEAD + EVENT,
                HEAD.replace(BundleFixtures.DEPLOYMENT, "another") + EVENT + "]}",
                "[]", "", "null");
        for (String h : hostile) {
            assertThrows(DeskException.class, () -> read(h), () -> h.length() > 400 ? h.substring(h.length() - 300) : h);
        }
    }

    @Test
    void aByteOrderMarkIsTolerated() throws Exception {
        // Jackson skips a UTF-8 BOM. Harmless here: nothing signs the export's bytes (each event is
        // authenticated by its own age MAC and signature), unlike the server's signed requests.
        assertEquals(1, read("\uFEFF" + HEAD + EVENT + "]}").records().size());
    }

    @Test
    void anOversizedBlobIsRefusedBeforeItIsDecoded() {
        String big = "A".repeat((ExportReader.MAX_BLOB_BYTES / 3 + 2) * 4);
        assertThrows(DeskException.class, () -> read(HEAD + EVENT.replace("QUJD", big) + "]}"));
    }

    @Test
    void aHugeCountOfTinyRecordsIsStreamedNotHeldAsText() throws Exception {
        // 50 000 tombstones (~5 MB) streamed through a reader that never holds the text at once.
        int n = 50_000;
        InputStream records = new InputStream() {
            int i = 1;
            byte[] cur = new byte[0];
            int pos;

            @Override
            public int read() {
                if (pos == cur.length) {
                    if (i > n) {
                        return -1;
                    }
                    String r = (i > 1 ? "," : "") + "{\"xseq\":" + i + ",\"type\":\"tombstone\",\"mailbox\":\""
                            + String.format("%032x", i) + "\",\"reason\":\"forget\",\"day\":\"2026-03-10\"}";
                    cur = r.getBytes(StandardCharsets.US_ASCII);
                    pos = 0;
                    i++;
                }
                return cur[pos++];
            }
        };
        InputStream all = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(HEAD.getBytes(StandardCharsets.US_ASCII)), records,
                new ByteArrayInputStream("]}".getBytes(StandardCharsets.US_ASCII)))));
        ExportFile f = ExportReader.read(all, BundleFixtures.DEPLOYMENT, x -> { });
        assertEquals(n, f.records().size());
    }

    private static ExportFile read(String s) throws IOException {
        return ExportReader.read(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), BundleFixtures.DEPLOYMENT, n -> { });
    }
}
