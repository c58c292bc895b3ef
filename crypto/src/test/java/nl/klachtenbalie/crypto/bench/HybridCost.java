package nl.klachtenbalie.crypto.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import nl.klachtenbalie.crypto.age.AgeDecrypter;
import nl.klachtenbalie.crypto.age.AgeEncrypter;
import nl.klachtenbalie.crypto.age.HybridIdentity;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.crypto.age.X25519Identity;

/**
 * Row 6 of docs/benchmarks.md (post-quantum cost): decrypting {@code n} report files on the desk,
 * all-hybrid against all-classic, in the same JVM and run. Each file is what a report looks like
 * on the server: encrypted to three team members and the reporter (four stanzas, team first); the
 * desk holds the second member's identity, so it tries one stanza that is not its own first — for
 * a hybrid stanza that is a full ML-KEM decapsulation whose AEAD tag then fails.
 */
final class HybridCost {

    private HybridCost() {
    }

    static void run(int n) throws Exception {
        SecureRandom random = new SecureRandom();
        AgeEncrypter enc = new AgeEncrypter(random);
        List<X25519Identity> classic = new ArrayList<>();
        List<HybridIdentity> hybrid = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            classic.add(X25519Identity.generate(random));
            hybrid.add(HybridIdentity.generate(random));
        }
        List<byte[]> classicFiles = files(enc, n, classic.stream().map(X25519Identity::recipient).toList());
        List<byte[]> hybridFiles = files(enc, n, hybrid.stream().map(HybridIdentity::recipient).toList());
        long classicBytes = classicFiles.stream().mapToLong(f -> f.length).sum();
        long hybridBytes = hybridFiles.stream().mapToLong(f -> f.length).sum();
        AgeDecryptBench.log("%d files each: classic mean %d B, hybrid mean %d B", n, classicBytes / n, hybridBytes / n);
        // Alternate the two kinds so neither gets a warmer JIT or a quieter machine.
        double classicS = Double.MAX_VALUE;
        double hybridS = Double.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            classicS = Math.min(classicS, decryptAll(classicFiles, classic.get(1)));
            hybridS = Math.min(hybridS, decryptAll(hybridFiles, hybrid.get(1)));
            AgeDecryptBench.log("rep %d: classic %.2f s, hybrid %.2f s", rep, classicS, hybridS);
        }
        String what = String.format(Locale.ROOT, "%,d report files (3 members + reporter, 2 and 8 KiB buckets):"
                + " hybrid (%,d B mean) vs classic (%,d B mean), this module, best of 3", n, hybridBytes / n,
                classicBytes / n);
        double ratio = classicS / hybridS;
        System.out.printf(Locale.ROOT, "| 6 post-quantum decrypt | %s | %s files/s (%.2f s) | %s files/s (%.2f s, classic) | %.2f | (cost) | — |%n",
                what, AgeDecryptBench.fmt(n / hybridS), hybridS, AgeDecryptBench.fmt(n / classicS), classicS, ratio);
        System.out.flush();
    }

    private static List<byte[]> files(AgeEncrypter enc, int n, List<? extends Recipient> to) {
        Random r = new Random(n);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] plain = new byte[AgeDecryptBench.SIZES[i % 2] + 4 + 100];
            r.nextBytes(plain);
            out.add(enc.encrypt(plain, List.copyOf(to)));
        }
        return out;
    }

    private static double decryptAll(List<byte[]> files, Identity id) throws Exception {
        AgeDecrypter dec = new AgeDecrypter();
        List<Identity> ids = List.of(id);
        long t0 = System.nanoTime();
        long sink = 0;
        for (byte[] f : files) {
            sink += dec.decrypt(f, ids).length;
        }
        if (sink == 0) {
            throw new AssertionError();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
