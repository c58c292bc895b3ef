package nl.klachtenbalie.crypto.bundle;

import java.util.List;

/**
 * A team bundle that passed every check of {@link TeamBundleVerifier}: signed by the pinned root
 * key for the pinned deployment, not older than what was seen before, not expired. Only a verifier
 * creates these.
 */
public final class TeamBundle {

    private final TeamBundlePayload payload;

    TeamBundle(TeamBundlePayload payload) {
        this.payload = payload;
    }

    public TeamBundlePayload payload() {
        return payload;
    }

    public long version() {
        return payload.version();
    }

    /** The age recipients every new report is encrypted to. */
    public List<String> recipients() {
        return payload.recipients();
    }

    @Override
    public String toString() {
        return "TeamBundle[" + payload + "]";
    }
}
