package nl.klachtenbalie.keys.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class DicewareTest {

    @Test
    void sixWordsCarryAtLeast77BitsBecauseTheListHas7776Words() {
        assertEquals(7776, Diceware.words().size());
        assertEquals(7776, new HashSet<>(Diceware.words()).size());
        assertEquals(6 * Math.log(7776) / Math.log(2), Diceware.entropyBits(6), 1e-9);
        assertTrue(Diceware.entropyBits(6) >= 77.0, "entropy " + Diceware.entropyBits(6));
        assertTrue(Diceware.entropyBits(5) < 77.0, "so six is the minimum that reaches it");
    }

    @Test
    void theShippedListIsTheEffLargeList() throws Exception {
        try (InputStream in = Diceware.class.getResourceAsStream(Diceware.RESOURCE)) {
            assertEquals("6d557f0693958fb5e650b68b5bee585eb82cf4da32965505c789e924743bc522",
                    Hex.toHexString(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())));
        }
        assertEquals(List.of("abacus", "abdomen", "abdominal"), Diceware.words().subList(0, 3));
    }

    @Test
    void passphrasesAreWordsFromTheListAndDiffer() {
        Diceware d = new Diceware(new SecureRandom());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String p = d.passphrase(6);
            String[] words = p.split(" ");
            assertEquals(6, words.length);
            assertTrue(Diceware.words().containsAll(List.of(words)), p);
            seen.add(p);
        }
        assertEquals(200, seen.size());
        assertEquals(8, d.passphrase(8).split(" ").length);
        assertThrows(IllegalArgumentException.class, () -> d.passphrase(5));
    }

    @Test
    void everyWordIsReachable() {
        // The index comes from nextInt(7776): a source that returns every byte pattern reaches
        // the first and the last word (no off-by-one in the bound).
        Set<String> firstAndLast = new HashSet<>();
        Diceware d = new Diceware(new SecureRandom());
        for (int i = 0; i < 200_000 && firstAndLast.size() < 2; i++) {
            String w = d.passphrase(6).split(" ")[0];
            if (w.equals("abacus") || w.equals(Diceware.words().get(7775))) {
                firstAndLast.add(w);
            }
        }
        assertEquals(2, firstAndLast.size());
        assertNotEquals(Diceware.words().get(0), Diceware.words().get(7775));
    }
}
