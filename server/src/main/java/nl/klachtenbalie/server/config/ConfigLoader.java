package nl.klachtenbalie.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads a properties file, applies environment overrides and validates everything at once.
 *
 * <p>Every key has an environment twin: {@code pow.reduced-difficulty} is overridden by
 * {@code KLACHTENBALIE_POW_REDUCED_DIFFICULTY}. Unknown keys in the file and unknown
 * {@code KLACHTENBALIE_*} variables are errors, so a typo never silently falls back to a default.
 * Relative paths are resolved against the config file's directory.
 */
public final class ConfigLoader {

    static final String ENV_PREFIX = "KLACHTENBALIE_";

    /** Every key with its default; {@code null} means required. */
    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("server.host", "127.0.0.1");
        d.put("server.port", "8080");
        d.put("data.dir", null);
        d.put("deployment.id", null);
        d.put("deployment.root-key", null);
        d.put("deployment.argon2-salt", null);
        d.put("team.bundle-file", "");
        d.put("challenge.secret", "");
        d.put("challenge.ttl-seconds", "300");
        d.put("challenge.used-nonce-capacity", "250000"); // ≤ 12.6 MB of heap (SpentNonces); 833 signed requests/s at 300 s
        d.put("pow.difficulty", "16");
        d.put("pow.reduced-difficulty", "12");
        d.put("pow.reduced-per-hour", "60");
        d.put("limits.max-request-bytes", String.valueOf(40L * 1024 * 1024));
        d.put("limits.max-attachments", "3");
        d.put("limits.max-age-header-bytes", "131072"); // a hybrid file to 64 members + reporter (protocol §9.3)
        d.put("limits.visible-max-bucket", "32768");
        d.put("limits.events-per-day", "20");
        d.put("limits.mailbox-max-bytes", String.valueOf(64L * 1024 * 1024));
        d.put("retention.idle-days", "90");
        d.put("retention.internal-days", "365");
        d.put("team.session-minutes", "30");
        d.put("team.argon2-memory-kib", "65536");
        d.put("team.argon2-iterations", "3");
        d.put("team.argon2-parallelism", "1");
        d.put("team.argon2-max-concurrent", "2");
        d.put("team.path", "/transfer");
        d.put("team.upload-max-bytes", String.valueOf(96L * 1024 * 1024));
        d.put("team.export-max-bytes", String.valueOf(256L * 1024 * 1024));
        d.put("web.override-dir", "");
        d.put("limits.body-memory-bytes", String.valueOf(96L * 1024 * 1024));
        d.put("http.hsts", "false");
        d.put("metrics.enabled", "true");
        return d;
    }

    private ConfigLoader() {
    }

    /** Loads {@code file} and overrides it from {@code env}. */
    public static ServerConfig load(Path file, Map<String, String> env) throws ConfigException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k).trim()));
        Path base = file.toAbsolutePath().getParent();
        return fromMap(values, env, base);
    }

    /** Validates {@code values} (config keys) overridden by {@code env}; paths resolve against {@code base}. */
    public static ServerConfig fromMap(Map<String, String> values, Map<String, String> env, Path base)
            throws ConfigException {
        List<String> problems = new ArrayList<>();
        Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!DEFAULTS.containsKey(e.getKey())) {
                problems.add("unknown key '" + e.getKey() + "' (known keys: " + String.join(", ", DEFAULTS.keySet()) + ")");
            } else {
                merged.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX)) {
                continue;
            }
            String key = keyForEnv(e.getKey());
            if (key == null) {
                problems.add("unknown environment variable " + e.getKey());
            } else {
                merged.put(key, e.getValue().trim());
            }
        }
        Values v = new Values(merged, problems);
        ServerConfig config = v.build(base);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String keyForEnv(String env) {
        for (String key : DEFAULTS.keySet()) {
            if (envName(key).equals(env)) {
                return key;
            }
        }
        return null;
    }

    /** Typed reads that record a problem instead of throwing, so one run reports every mistake. */
    private static final class Values {
        private final Map<String, String> m;
        private final List<String> problems;

        Values(Map<String, String> m, List<String> problems) {
            this.m = m;
            this.problems = problems;
        }

        ServerConfig build(Path base) {
            String host = text("server.host");
            int port = integer("server.port", 0, 65535);
            Path dataDir = base.resolve(text("data.dir")).normalize();
            String deployment = text("deployment.id");
            try {
                nl.klachtenbalie.crypto.receipt.KeyDerivation.checkDeploymentId(deployment);
            } catch (IllegalArgumentException e) {
                problems.add("deployment.id: " + e.getMessage());
            }
            byte[] rootKey = hex("deployment.root-key", 32);
            try {
                nl.klachtenbalie.crypto.sign.Ed25519PublicKey.fromBytes(rootKey);
            } catch (IllegalArgumentException e) {
                problems.add("deployment.root-key is not a valid Ed25519 public key (the team root key's public half)");
            }
            byte[] salt = hex("deployment.argon2-salt", 16);
            String bundle = text("team.bundle-file");
            Optional<Path> bundleFile = bundle.isEmpty() ? Optional.empty() : Optional.of(base.resolve(bundle).normalize());
            String secret = text("challenge.secret");
            Optional<byte[]> challengeSecret = secret.isEmpty() ? Optional.empty() : Optional.of(hex("challenge.secret", 32));
            int difficulty = integer("pow.difficulty", 0, 32);
            int reduced = integer("pow.reduced-difficulty", 0, 32);
            if (reduced > difficulty) {
                problems.add("pow.reduced-difficulty (" + reduced + ") must not exceed pow.difficulty (" + difficulty + ")");
            }
            String override = text("web.override-dir");
            Optional<Path> webOverride = override.isEmpty() ? Optional.empty() : Optional.of(base.resolve(override).normalize());
            String teamPath = text("team.path");
            if (!teamPath.matches("/[a-z0-9-]{1,64}") || teamPath.equals("/api") || teamPath.equals("/health")
                    || teamPath.equals("/metrics")) {
                problems.add("team.path must look like /some-name (lower-case letters, digits, '-'), not a reserved path");
            }
            int visible = integer("limits.visible-max-bucket", 2048, 8388608);
            if (!nl.klachtenbalie.crypto.pad.Padding.isBucket(visible)) {
                problems.add("limits.visible-max-bucket must be one of the padding buckets " + nl.klachtenbalie.crypto.pad.Padding.BUCKETS);
            }
            return new ServerConfig(host, port, dataDir, deployment, rootKey, salt, bundleFile, challengeSecret,
                    integer("challenge.ttl-seconds", 30, 3600), integer("challenge.used-nonce-capacity", 100, 10_000_000),
                    difficulty, reduced, integer("pow.reduced-per-hour", 0, 1_000_000),
                    longValue("limits.max-request-bytes", 64 * 1024, 1L << 30), integer("limits.max-attachments", 0, 20),
                    integer("limits.max-age-header-bytes", 256, 1 << 20), visible,
                    integer("limits.events-per-day", 1, 10_000), longValue("limits.mailbox-max-bytes", 64 * 1024, 1L << 40),
                    integer("retention.idle-days", 1, 3650), integer("retention.internal-days", 1, 3650),
                    integer("team.session-minutes", 1, 24 * 60),
                    integer("team.argon2-memory-kib", 8, 4 * 1024 * 1024), integer("team.argon2-iterations", 1, 100),
                    integer("team.argon2-parallelism", 1, 16), integer("team.argon2-max-concurrent", 1, 64),
                    teamPath, bool("http.hsts"), bool("metrics.enabled"),
                    longValue("team.upload-max-bytes", 64 * 1024, 1L << 31), longValue("team.export-max-bytes", 1024 * 1024, 1L << 40), webOverride,
                    longValue("limits.body-memory-bytes", 1024 * 1024, 1L << 40));
        }

        private String text(String key) {
            String value = m.get(key);
            if (value == null) {
                problems.add(key + " is required (set it in the config file or " + envName(key) + ")");
                return "";
            }
            return value;
        }

        private long longValue(String key, long min, long max) {
            String raw = text(key);
            try {
                long v = Long.parseLong(raw);
                if (v < min || v > max) {
                    problems.add(key + " must be between " + min + " and " + max + " (got " + v + ")");
                }
                return v;
            } catch (NumberFormatException e) {
                if (!raw.isEmpty()) {
                    problems.add(key + " must be a whole number (got '" + raw + "')");
                }
                return min;
            }
        }

        private int integer(String key, int min, int max) {
            return (int) longValue(key, min, max);
        }

        private boolean bool(String key) {
            String raw = text(key);
            if (!raw.equals("true") && !raw.equals("false")) {
                problems.add(key + " must be true or false (got '" + raw + "')");
            }
            return raw.equals("true");
        }

        private byte[] hex(String key, int length) {
            String raw = text(key);
            if (raw.length() != 2 * length || !raw.matches("[0-9a-f]*")) {
                if (!raw.isEmpty()) {
                    problems.add(key + " must be " + (2 * length) + " lower-case hex characters (" + length + " bytes)");
                }
                return new byte[length];
            }
            return HexFormat.of().parseHex(raw);
        }
    }
}
