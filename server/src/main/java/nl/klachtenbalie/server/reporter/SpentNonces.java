package nl.klachtenbalie.server.reporter;

/**
 * The nonces that signed requests have spent, each until it expires: the nonce's 16 random bytes as two
 * longs and its expiry, in one open-addressing table (linear probing, deletion by backward shift) that is
 * at most half full. 24 bytes a slot, so at most 48 bytes a nonce, where a {@code ConcurrentHashMap} of
 * wrapped arrays took about 200 — the heap it saves is what lets the memory hold more.
 *
 * <p>The random bytes come from the server's {@code SecureRandom} and the nonce is authenticated before it
 * gets here, so nobody can choose keys that collide: their low bits are a fair hash. One lock: an insert
 * is a few probes, and the table is touched once per signed request.
 *
 * <p>When the memory is full, a sweep for expired nonces runs only if one can have expired since the
 * last (the earliest expiry is tracked), so a server kept full by a flood answers "busy" without scanning
 * the table on every request.
 */
final class SpentNonces {

    enum Result { ADDED, ALREADY_SPENT, FULL }

    private static final int MIN_SLOTS = 1024;

    private final int capacity;
    private long[] hi;
    private long[] lo;
    /** Expiry in epoch seconds; 0 marks an empty slot (no nonce expires in 1970). */
    private long[] expiry;
    private int size;
    /** No remembered nonce expires before this second. */
    private long earliestExpiry = Long.MAX_VALUE;

    SpentNonces(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        allocate(MIN_SLOTS);
    }

    /**
     * The most heap a table for {@code capacity} nonces takes: it doubles while it is more than half
     * full, so up to the power of two above twice the capacity, 24 bytes a slot.
     */
    static long maxHeapBytes(int capacity) {
        long slots = Math.max(MIN_SLOTS, Long.highestOneBit(2L * capacity - 1) << 1);
        return slots * 24;
    }

    /** Remembers a nonce until {@code expirySecond}, unless it is remembered already or the memory is full. */
    synchronized Result add(long randomHi, long randomLo, long expirySecond, long now) {
        if (expirySecond <= 0) {
            throw new IllegalArgumentException("expiry must be after 1970");
        }
        if (find(randomHi, randomLo) >= 0) {
            return Result.ALREADY_SPENT;
        }
        if (size >= capacity) {
            if (earliestExpiry >= now) {
                return Result.FULL; // nothing can have expired: no need to look
            }
            evictExpired(now);
            if (size >= capacity) {
                return Result.FULL;
            }
        }
        if (2 * (size + 1) > hi.length) {
            grow();
        }
        insert(randomHi, randomLo, expirySecond);
        size++;
        earliestExpiry = Math.min(earliestExpiry, expirySecond);
        return Result.ADDED;
    }

    /** Forgets every nonce whose expiry is before {@code now}. */
    synchronized void evictExpired(long now) {
        long earliest = Long.MAX_VALUE;
        int i = 0;
        while (i < expiry.length) {
            long e = expiry[i];
            if (e != 0 && e < now) {
                // The backward shift may move a later entry into slot i: look at i again.
                delete(i);
                size--;
            } else {
                if (e != 0) {
                    earliest = Math.min(earliest, e);
                }
                i++;
            }
        }
        earliestExpiry = earliest;
    }

    synchronized int size() {
        return size;
    }

    synchronized int slots() {
        return hi.length;
    }

    private int find(long h, long l) {
        int mask = hi.length - 1;
        for (int i = home(l, mask); expiry[i] != 0; i = (i + 1) & mask) {
            if (hi[i] == h && lo[i] == l) {
                return i;
            }
        }
        return -1;
    }

    private void insert(long h, long l, long e) {
        int mask = hi.length - 1;
        int i = home(l, mask);
        while (expiry[i] != 0) {
            i = (i + 1) & mask;
        }
        hi[i] = h;
        lo[i] = l;
        expiry[i] = e;
    }

    /** Empties slot {@code hole} and moves later entries of its run back so every entry stays reachable. */
    private void delete(int hole) {
        int mask = hi.length - 1;
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            if (expiry[j] == 0) {
                break;
            }
            int home = home(lo[j], mask);
            // j's entry may fill the hole unless its home lies cyclically in (hole, j].
            boolean homeBetween = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
            if (!homeBetween) {
                hi[hole] = hi[j];
                lo[hole] = lo[j];
                expiry[hole] = expiry[j];
                hole = j;
            }
        }
        hi[hole] = 0;
        lo[hole] = 0;
        expiry[hole] = 0;
    }

    private void grow() {
        long[] oldHi = hi;
        long[] oldLo = lo;
        long[] oldExpiry = expiry;
        allocate(oldHi.length * 2);
        for (int i = 0; i < oldHi.length; i++) {
            if (oldExpiry[i] != 0) {
                insert(oldHi[i], oldLo[i], oldExpiry[i]);
            }
        }
    }

    private void allocate(int slots) {
        hi = new long[slots];
        lo = new long[slots];
        expiry = new long[slots];
    }

    private static int home(long l, int mask) {
        return (int) (l ^ (l >>> 32)) & mask;
    }
}
