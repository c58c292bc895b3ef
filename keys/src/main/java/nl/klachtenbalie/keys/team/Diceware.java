package nl.klachtenbalie.keys.team;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Diceware passphrases for the key ceremony: words drawn uniformly and independently from the EFF
 * large word list (7776 words, about 12.92 bits each, so six words give 77.5 bits). The words are
 * common, unambiguous English, easy to write down and type after a long day; the list ships as a
 * resource (source and licence in the resource folder's README).
 *
 * <p>Only {@link SecureRandom} is used, through {@code nextInt(bound)}, which is exactly uniform
 * (it rejects rather than reduces modulo the bound).
 */
public final class Diceware {

    /** The shortest passphrase the ceremony generates. */
    public static final int MIN_WORDS = 6;

    static final String RESOURCE = "eff-large-wordlist.txt";

    private static final List<String> WORDS = load();

    private final SecureRandom random;

    public Diceware(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The word list, in its file's order. */
    public static List<String> words() {
        return WORDS;
    }

    /** Entropy in bits of a passphrase of {@code n} words: {@code n · log2(list size)}. */
    public static double entropyBits(int n) {
        return n * Math.log(WORDS.size()) / Math.log(2);
    }

    /** {@code n ≥ 6} words separated by single spaces. */
    public String passphrase(int n) {
        if (n < MIN_WORDS) {
            throw new IllegalArgumentException("a passphrase has at least " + MIN_WORDS + " words");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WORDS.get(random.nextInt(WORDS.size())));
        }
        return sb.toString();
    }

    private static List<String> load() {
        try (InputStream in = Diceware.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("word list resource missing");
            }
            List<String> words = List.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n"));
            // A damaged or shortened list would silently weaken every passphrase: refuse it.
            if (words.size() != 7776 || new HashSet<>(words).size() != words.size()
                    || !words.stream().allMatch(w -> w.matches("[a-z]+(-[a-z]+)?"))) {
                throw new IllegalStateException("word list resource is damaged");
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
