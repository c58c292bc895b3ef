package nl.klachtenbalie.server.team;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import nl.klachtenbalie.crypto.bundle.BundleException;
import nl.klachtenbalie.crypto.bundle.DeploymentPins;
import nl.klachtenbalie.crypto.bundle.TeamBundle;
import nl.klachtenbalie.crypto.bundle.TeamBundleVerifier;
import nl.klachtenbalie.server.db.BundleDao;
import nl.klachtenbalie.server.db.BundleRow;
import nl.klachtenbalie.server.error.ApiException;
import nl.klachtenbalie.server.guard.SecretMaterialGuard;
import org.jdbi.v3.core.Jdbi;

/**
 * The current signed team bundle. A new one is accepted only if it verifies under the pinned root
 * key and deployment and its version is higher than the current one (re-publishing the identical
 * file is a no-op); the server cannot alter a bundle, only refuse or serve it.
 */
public final class TeamBundles {

    private final Jdbi jdbi;
    private final Clock clock;
    private final DeploymentPins pins;

    public TeamBundles(Jdbi jdbi, Clock clock, DeploymentPins pins) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.pins = pins;
    }

    /** The bundle file as signed, if one has been published. */
    public Optional<byte[]> currentFile() {
        return current().map(BundleRow::file);
    }

    /** The current bundle, verified again (it is small) so callers always see checked content. */
    public Optional<TeamBundle> currentBundle() {
        return current().map(row -> {
            try {
                return new TeamBundleVerifier(pins, today().minusYears(100), 0).verify(row.file());
            } catch (BundleException e) {
                throw new IllegalStateException("stored team bundle no longer verifies", e);
            }
        });
    }

    /** Verifies and stores {@code file}; returns its version. Throws a 4xx naming the failed step. */
    public long publish(byte[] file) {
        String secret = SecretMaterialGuard.findSecret(file);
        if (secret != null) {
            throw ApiException.badRequest("secret_material", "refused: the file contains secret key material; never upload private keys");
        }
        Optional<BundleRow> current = current();
        long currentVersion = current.map(BundleRow::version).orElse(0L);
        TeamBundle bundle;
        try {
            bundle = new TeamBundleVerifier(pins, today(), currentVersion).verify(file);
        } catch (BundleException e) {
            int status = e.kind() == BundleException.Kind.DOWNGRADE ? 409 : 400;
            throw new ApiException(status, "bundle_" + e.kind().name().toLowerCase(java.util.Locale.ROOT),
                    "team bundle refused: " + e.getMessage());
        }
        if (bundle.version() == currentVersion) {
            if (Arrays.equals(current.get().file(), file)) {
                return currentVersion;
            }
            throw new ApiException(409, "bundle_downgrade", "team bundle refused: a different bundle with this version is already published");
        }
        jdbi.useTransaction(h -> new BundleDao(h).store(bundle.version(), file));
        return bundle.version();
    }

    private Optional<BundleRow> current() {
        return jdbi.withHandle(h -> new BundleDao(h).current());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
