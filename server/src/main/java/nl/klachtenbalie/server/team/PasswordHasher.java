package nl.klachtenbalie.server.team;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import nl.klachtenbalie.server.error.ApiException;

/**
 * Argon2id password hashing for team accounts. A semaphore bounds how many hashes run at once, so
 * a burst of login attempts cannot take {@code maxConcurrent × memory} and exhaust the machine; the
 * excess waits briefly and is then told the server is busy.
 */
public final class PasswordHasher {

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    private final Semaphore permits;
    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private volatile String dummyHash;

    public PasswordHasher(int memoryKiB, int iterations, int parallelism, int maxConcurrent) {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.permits = new Semaphore(maxConcurrent, true);
    }

    public String hash(char[] password) {
        acquire();
        try {
            return argon2.hash(iterations, memoryKiB, parallelism, password);
        } finally {
            permits.release();
        }
    }

    /** Verifies against {@code hash}, or, if it is null (unknown account), against a dummy hash so the time is the same. */
    public boolean verify(String hash, char[] password) {
        String target = hash != null ? hash : dummy();
        acquire();
        try {
            return argon2.verify(target, password) && hash != null;
        } finally {
            permits.release();
        }
    }

    private String dummy() {
        String d = dummyHash;
        if (d == null) {
            d = hash("not a password of any account".toCharArray());
            dummyHash = d;
        }
        return d;
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new ApiException(503, "busy", "the server is busy checking other logins; try again in a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "busy", "the server is busy; try again in a minute");
        }
    }
}
