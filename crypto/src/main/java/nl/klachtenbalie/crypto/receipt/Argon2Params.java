package nl.klachtenbalie.crypto.receipt;

/**
 * Argon2id cost parameters (version 0x13, 32-byte output). They belong to the receipt scheme
 * version and are pinned in the client: a server that could choose them could hand out weak ones.
 *
 * @param memoryKiB memory in KiB (m)
 * @param iterations passes over memory (t)
 * @param parallelism lanes (p)
 */
public record Argon2Params(int memoryKiB, int iterations, int parallelism) {

    /** Scheme version 1: the OWASP minimum for Argon2id, m = 19 MiB, t = 2, p = 1. */
    public static final Argon2Params V1 = new Argon2Params(19456, 2, 1);

    /** Upper bound on memory, so a bad pin or test cannot ask for absurd work. */
    public static final int MAX_MEMORY_KIB = 1 << 21;

    public Argon2Params {
        if (parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1..16");
        }
        if (iterations < 1 || iterations > 16) {
            throw new IllegalArgumentException("Argon2 iterations must be 1..16");
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 memory out of range");
        }
    }

    /**
     * The parameters of a receipt scheme version.
     *
     * @throws IllegalArgumentException for an unknown version
     */
    public static Argon2Params forVersion(int version) {
        if (version == ReceiptCode.VERSION_1) {
            return V1;
        }
        throw new IllegalArgumentException("unknown receipt scheme version");
    }
}
