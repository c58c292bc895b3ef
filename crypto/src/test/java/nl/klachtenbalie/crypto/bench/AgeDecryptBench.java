package nl.klachtenbalie.crypto.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import nl.klachtenbalie.crypto.age.AgeDecrypter;
import nl.klachtenbalie.crypto.age.AgeEncrypter;
import nl.klachtenbalie.crypto.age.X25519Identity;

/**
 * Row 2 of docs/benchmarks.md: the desk's age decryption (this module's {@link AgeDecrypter}, one
 * warmed-up JVM) against Debian's {@code age} binary on the same files and the same key.
 *
 * <p>Args: {@code [--quick] [--counts=1000,10000] [--big-mib=256] [--hybrid] [--age-sample=N]}. Markdown rows go
 * to stdout. {@code --age-sample=N} times the {@code age} baseline on N of the files, evenly spaced, and
 * reports its per-file rate: one {@code age} process costs 5–25 ms here, so 100,000 of them (twice) would
 * take over an hour, while the desk decrypts all of them either way.
 *
 * <p>{@code --hybrid} (row 6 of docs/benchmarks.md) measures only the post-quantum cost instead: the
 * same number of report files for a 3-member team plus the reporter, once all-classic and once
 * all-hybrid ({@code mlkem768x25519}, protocol §9), decrypted by this module in one JVM. Debian's
 * age 1.1.1 cannot read hybrid files, so the classic run is the baseline.
 */
public final class AgeDecryptBench {

    static final int[] SIZES = {2048 - 4 - 100, 8192 - 4 - 100}; // plaintexts padded to the 2 KiB and 8 KiB buckets

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int[] counts = quick ? new int[] {1000} : new int[] {10_000};
        int bigMib = quick ? 32 : 256;
        boolean hybrid = false;
        int ageSample = 0;
        for (String a : args) {
            if (a.startsWith("--age-sample=")) {
                ageSample = Integer.parseInt(a.substring(13));
            }
            if (a.equals("--hybrid")) {
                hybrid = true;
            }
            if (a.startsWith("--counts=")) {
                counts = Arrays.stream(a.substring(9).split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (a.startsWith("--big-mib=")) {
                bigMib = Integer.parseInt(a.substring(10));
            }
        }
        if (hybrid) {
            for (int n : counts) {
                HybridCost.run(n);
            }
            return;
        }
        Path work = Files.createTempDirectory("kb-bench-age");
        try {
            SecureRandom random = new SecureRandom();
            X25519Identity id = X25519Identity.generate(random);
            Path key = work.resolve("key.txt");
            Files.writeString(key, id.toSecretString() + "\n");
            AgeEncrypter enc = new AgeEncrypter(random);
            for (int n : counts) {
                smallFiles(work, key, id, enc, n, ageSample);
            }
            if (bigMib > 0) {
                bigFile(work, key, id, enc, bigMib);
                aead(bigMib);
            }
        } finally {
            try (var s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }

    static void smallFiles(Path work, Path key, X25519Identity id, AgeEncrypter enc, int n, int ageSample) throws Exception {
        Path dir = Files.createDirectories(work.resolve("files-" + n));
        Random r = new Random(n);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] plain = new byte[SIZES[i % 2] + 4 + 100];
            r.nextBytes(plain);
            Path f = dir.resolve(String.format(Locale.ROOT, "r%06d.age", i));
            Files.write(f, enc.encrypt(plain, List.of(id.recipient())));
            files.add(f);
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        log("%d files, %.1f MiB, mean %d B", n, bytes / 1048576.0, bytes / n);
        AgeDecrypter dec = new AgeDecrypter();
        List<X25519Identity> ids = List.of(id);
        // warm-up: JIT the decrypt path on the same files
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < Math.min(n, 2000); i++) {
                dec.decrypt(Files.readAllBytes(files.get(i)), ids);
            }
        }
        double javaS = Double.MAX_VALUE;
        for (int rep = 0; rep < 2; rep++) {
            long t0 = System.nanoTime();
            long sink = 0;
            for (Path f : files) {
                sink += dec.decrypt(Files.readAllBytes(f), ids).length;
            }
            javaS = Math.min(javaS, (System.nanoTime() - t0) / 1e9);
            if (sink == 0) {
                throw new AssertionError();
            }
        }
        log("java: %.2f s", javaS);
        // The baseline's files: all of them, or every k-th for --age-sample.
        int ageFiles = ageSample > 0 && ageSample < n ? ageSample : n;
        Path list = work.resolve("age-files-" + n + ".txt");
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < ageFiles; i++) {
            names.append(files.get((int) ((long) i * n / ageFiles)).getFileName()).append('\n');
        }
        Files.writeString(list, names);
        double loopS = shell("cd '" + dir + "' && while read -r f; do age -d -i '" + key + "' -o /dev/null \"$f\" || exit 1; done < '" + list + "'");
        log("age loop: %.2f s for %d files", loopS, ageFiles);
        double xargsS = shell("cd '" + dir + "' && xargs -P 2 -n 1 age -d -i '" + key + "' -o /dev/null < '" + list + "'");
        log("age xargs -P2: %.2f s for %d files", xargsS, ageFiles);
        String what = String.format(Locale.ROOT, "%,d report files (2 and 8 KiB buckets, %d B mean)", n, bytes / n);
        String sampled = ageFiles < n ? String.format(Locale.ROOT, " (age timed on %,d of them, evenly spaced)", ageFiles) : "";
        row("2 desk decrypt", what + "; age: one process per file, shell loop" + sampled, n / javaS, ageFiles / loopS, 1.0, "files/s");
        row("2 desk decrypt", what + "; age: one process per file, xargs -P 2" + sampled, n / javaS, ageFiles / xargsS, 1.0, "files/s");
    }

    static void bigFile(Path work, Path key, X25519Identity id, AgeEncrypter enc, int mib) throws Exception {
        Path f = work.resolve("big.age");
        Random r = new Random(3);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = enc.encrypt(Files.newOutputStream(f), List.of(id.recipient()))) {
            for (int i = 0; i < mib; i++) {
                r.nextBytes(chunk);
                out.write(chunk);
            }
        }
        AgeDecrypter dec = new AgeDecrypter();
        double javaS = Double.MAX_VALUE;
        byte[] buf = new byte[1 << 16];
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            long total = 0;
            try (InputStream in = dec.decrypt(Files.newInputStream(f), List.of(id))) {
                int k;
                while ((k = in.read(buf)) > 0) {
                    total += k;
                }
            }
            if (total != (long) mib << 20) {
                throw new AssertionError("decrypted " + total);
            }
            javaS = Math.min(javaS, (System.nanoTime() - t0) / 1e9);
        }
        double ageS = Double.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            ageS = Math.min(ageS, shell("age -d -i '" + key + "' -o /dev/null '" + f + "'"));
        }
        log("big %d MiB: java %.2f s, age %.2f s", mib, javaS, ageS);
        row("2 desk decrypt", mib + " MiB file, streamed (best of 3)", mib / javaS, mib / ageS, 0.5, "MiB/s");
    }

    /**
     * What limits the large file: the payload AEAD alone, 64 KiB chunks as in age's STREAM, Bouncy
     * Castle's pure-Java ChaCha20-Poly1305 (what {@code StreamReader} uses) against the JDK's own
     * ({@code Cipher "ChaCha20-Poly1305"}, intrinsified from JDK 20 on x86_64).
     */
    static void aead(int mib) throws Exception {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        byte[] chunk = new byte[65536];
        new Random(5).nextBytes(chunk);
        org.bouncycastle.crypto.modes.ChaCha20Poly1305 bc = new org.bouncycastle.crypto.modes.ChaCha20Poly1305();
        bc.init(true, new org.bouncycastle.crypto.params.AEADParameters(new org.bouncycastle.crypto.params.KeyParameter(key), 128, nonce));
        byte[] ct = new byte[chunk.length + 16];
        int k = bc.processBytes(chunk, 0, chunk.length, ct, 0);
        bc.doFinal(ct, k);
        byte[] nonce2 = new byte[12];
        nonce2[0] = 1;
        byte[] ct2 = new byte[chunk.length + 16];
        bc.init(true, new org.bouncycastle.crypto.params.AEADParameters(new org.bouncycastle.crypto.params.KeyParameter(key), 128, nonce2));
        k = bc.processBytes(chunk, 0, chunk.length, ct2, 0);
        bc.doFinal(ct2, k);
        byte[] out = new byte[chunk.length + 16];
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 4; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < mib * 16; i++) {
                bc.init(false, new org.bouncycastle.crypto.params.AEADParameters(new org.bouncycastle.crypto.params.KeyParameter(key), 128, nonce));
                int n = bc.processBytes(ct, 0, ct.length, out, 0);
                bc.doFinal(out, n);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        double bcRate = mib / best;
        javax.crypto.Cipher jca = javax.crypto.Cipher.getInstance("ChaCha20-Poly1305");
        javax.crypto.spec.SecretKeySpec ks = new javax.crypto.spec.SecretKeySpec(key, "ChaCha20");
        best = Double.MAX_VALUE;
        for (int rep = 0; rep < 4; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < mib * 16; i++) {
                boolean odd = (i & 1) == 1;
                jca.init(javax.crypto.Cipher.DECRYPT_MODE, ks, new javax.crypto.spec.IvParameterSpec(odd ? nonce2 : nonce));
                jca.doFinal(odd ? ct2 : ct, 0, ct.length, out, 0);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        double jcaRate = mib / best;
        // (JDK 17 refuses a second init with the same key and nonce, so two nonces alternate.)
        log("aead on java %s: bc %.0f MiB/s, jca %.0f MiB/s", System.getProperty("java.version"), bcRate, jcaRate);
        System.out.printf(Locale.ROOT, "| 2 diagnosis | payload AEAD only, 64 KiB chunks, JDK %s: JDK Cipher ChaCha20-Poly1305 (used for the payload) vs Bouncy Castle | %s MiB/s | %s MiB/s (BC) | %.2f | (diagnosis) | — |%n",
                System.getProperty("java.version"), fmt(jcaRate), fmt(bcRate), jcaRate / bcRate);
        System.out.flush();
    }

    static void row(String row, String what, double project, double baseline, double goal, String unit) {
        double ratio = project / baseline;
        System.out.printf(Locale.ROOT, "| %s | %s | %s %s (JDK %s) | %s %s (age %s) | %.2f | ≥ %.1f | %s |%n", row, what, fmt(project), unit,
                System.getProperty("java.version"),
                fmt(baseline), unit, ageVersion(), ratio, goal,
                ratio >= goal ? "✅" : String.format(Locale.ROOT, "❌ (%.0f%% short)", 100 * (1 - ratio / goal)));
        System.out.flush();
    }

    static String ageVersion() {
        try {
            Process p = new ProcessBuilder("age", "--version").redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    static double shell(String script) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed: " + script + "\n" + out);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static void log(String f, Object... a) {
        System.err.println("[age-bench] " + String.format(Locale.ROOT, f, a));
    }
}
