package nl.klachtenbalie.server.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The validated server configuration. Built only by {@link ConfigLoader}, which checks every value
 * and names the offending key in its error; nothing in here is a secret key (the server refuses those).
 *
 * @param webOverrideDir a folder whose files are served instead of the built-in client assets of the
 *     same name (used to pin a deployment's own {@code deployment.js} without rebuilding), or empty
 * @param bodyMemoryBytes how many request-body bytes may be held in memory at once, over all requests
 * @param challengeSecret 32 bytes for the challenge HMAC, or empty to draw a fresh one at start
 *     (challenges then do not survive a restart, which costs a reporter one retry)
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        String deploymentId,
        byte[] rootKey,
        byte[] argon2Salt,
        Optional<Path> bundleFile,
        Optional<byte[]> challengeSecret,
        int challengeTtlSeconds,
        int usedNonceCapacity,
        int powDifficulty,
        int powReducedDifficulty,
        int powReducedPerHour,
        long maxRequestBytes,
        int maxAttachments,
        int maxAgeHeaderBytes,
        int visibleMaxBucket,
        int eventsPerDay,
        long mailboxMaxBytes,
        int retentionIdleDays,
        int internalRetentionDays,
        int sessionMinutes,
        int argon2MemoryKiB,
        int argon2Iterations,
        int argon2Parallelism,
        int argon2MaxConcurrent,
        String teamPath,
        boolean hsts,
        boolean metricsEnabled,
        long teamUploadMaxBytes,
        long exportMaxBytes,
        Optional<Path> webOverrideDir,
        long bodyMemoryBytes) {

    public ServerConfig {
        rootKey = rootKey.clone();
        argon2Salt = argon2Salt.clone();
    }

    @Override
    public byte[] rootKey() {
        return rootKey.clone();
    }

    @Override
    public byte[] argon2Salt() {
        return argon2Salt.clone();
    }

    /** The SQLite database file inside the data directory. */
    public Path databaseFile() {
        return dataDir.resolve("klachtenbalie.db");
    }

    @Override
    public String toString() {
        return "ServerConfig[" + host + ":" + port + ", data=" + dataDir + ", deployment=" + deploymentId + "]";
    }
}
