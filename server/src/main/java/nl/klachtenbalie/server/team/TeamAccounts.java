package nl.klachtenbalie.server.team;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.klachtenbalie.server.db.AccountDao;
import nl.klachtenbalie.server.db.AccountRow;
import nl.klachtenbalie.server.error.ApiException;
import nl.klachtenbalie.server.ops.Metrics;
import org.jdbi.v3.core.Jdbi;

/**
 * Team accounts: created from the command line, used to log in on the transfer page with a
 * password (Argon2id) and a TOTP code. A used TOTP step is recorded so a code cannot be replayed,
 * and an account is locked for a while after repeated failures.
 */
public final class TeamAccounts {

    /** What the operator hands to the new team member, once. */
    public record NewAccount(String name, String password, String totpSecretBase32, String otpauthUri) {
        @Override
        public String toString() {
            return "NewAccount[" + name + "]";
        }
    }

    static final int MAX_FAILURES = 10;
    static final long LOCK_SECONDS = 15 * 60;
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final ApiException LOGIN_FAILED = new ApiException(401, "login_failed",
            "login failed: check the account name, the password and the 6-digit code");

    private record Failures(int count, long since) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random;
    private final PasswordHasher hasher;
    private final TeamSessions sessions;
    private final Metrics metrics;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public TeamAccounts(Jdbi jdbi, Clock clock, SecureRandom random, PasswordHasher hasher, TeamSessions sessions,
            Metrics metrics) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.random = random;
        this.hasher = hasher;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    /** Creates an account with a generated password and TOTP secret. */
    public NewAccount add(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,31}")) {
            throw new IllegalArgumentException("account names are 1-32 characters of a-z, 0-9, '.', '_', '-'");
        }
        if (jdbi.withHandle(h -> new AccountDao(h).find(name)).isPresent()) {
            throw new IllegalArgumentException("account '" + name + "' already exists");
        }
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length()));
        }
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        String hash = hasher.hash(password);
        jdbi.useHandle(h -> new AccountDao(h).insert(name, hash, secret));
        String shown = new String(password);
        Arrays.fill(password, '\0');
        return new NewAccount(name, shown, Totp.base32(secret), Totp.otpauthUri("klachtenbalie", name, secret));
    }

    /** Logs in and returns a bearer token; every failure gets the same answer. */
    public String login(String name, String password, String totpCode) {
        if (name == null || password == null || totpCode == null || name.length() > 64 || password.length() > 256) {
            throw ApiException.badRequest("missing_field", "name, password and totp are required");
        }
        long now = clock.instant().getEpochSecond();
        Failures f = failures.get(name);
        if (f != null && f.count() >= MAX_FAILURES && now - f.since() < LOCK_SECONDS) {
            throw new ApiException(429, "locked", "too many failed logins for this account; wait 15 minutes");
        }
        Optional<AccountRow> account = jdbi.withHandle(h -> new AccountDao(h).find(name));
        char[] pw = password.toCharArray();
        boolean passwordOk = hasher.verify(account.map(AccountRow::passwordHash).orElse(null), pw);
        Arrays.fill(pw, '\0');
        long step = account.isPresent() ? Totp.matchingStep(account.get().totpSecret(), totpCode, now) : -1;
        boolean ok = passwordOk && step >= 0
                && jdbi.withHandle(h -> new AccountDao(h).useTotpStep(name, step)) == 1;
        if (!ok) {
            metrics.increment(Metrics.Counter.TEAM_LOGIN_FAILURES);
            if (failures.size() < 10_000) {
                failures.merge(name, new Failures(1, now),
                        (a, b) -> now - a.since() >= LOCK_SECONDS ? b : new Failures(a.count() + 1, a.since()));
            }
            throw LOGIN_FAILED;
        }
        failures.remove(name);
        return sessions.open(name);
    }

    /** The account a bearer token belongs to, or a 401. */
    public String authenticate(String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        return sessions.account(token).orElseThrow(() -> new ApiException(401, "session_expired",
                "not logged in or the session has expired; log in again"));
    }

    public void logout(String authorization) {
        if (authorization != null && authorization.startsWith("Bearer ")) {
            sessions.close(authorization.substring(7));
        }
    }

    public long cursor(String name) {
        return jdbi.withHandle(h -> new AccountDao(h).find(name)).map(AccountRow::exportCursor).orElse(0L);
    }
}
