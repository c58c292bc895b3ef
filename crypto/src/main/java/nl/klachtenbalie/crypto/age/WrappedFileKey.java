package nl.klachtenbalie.crypto.age;

import java.util.List;
import java.util.Set;
import nl.klachtenbalie.crypto.age.format.Stanza;

/**
 * The result of {@link Recipient#wrap}: the stanzas to put in the header and the recipient's
 * labels.
 *
 * <p>Labels implement the specification's rule that some recipient types must not be mixed: all
 * recipients of one file must return the same label set. Classic X25519 recipients have none; a
 * post-quantum recipient says {@code postquantum} (so a file is never silently downgraded by an
 * added classic recipient); a passphrase recipient returns a label no other recipient can have,
 * so it is always alone.
 */
public record WrappedFileKey(List<Stanza> stanzas, Set<String> labels) {

    public WrappedFileKey {
        stanzas = List.copyOf(stanzas);
        labels = Set.copyOf(labels);
        if (stanzas.isEmpty()) {
            throw new IllegalArgumentException("a recipient must produce at least one stanza");
        }
    }

    /** Stanzas without labels: the recipient may be combined with any other unlabeled one. */
    public static WrappedFileKey unlabeled(List<Stanza> stanzas) {
        return new WrappedFileKey(stanzas, Set.of());
    }
}
