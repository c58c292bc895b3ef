package nl.klachtenbalie.crypto.age;

import java.util.List;
import java.util.Optional;
import nl.klachtenbalie.crypto.age.format.Stanza;

/**
 * Something that can decrypt: it recovers the file key from the header stanzas addressed to it.
 *
 * <p>Implementations hold secret material; their {@code toString} never shows it.
 */
public interface Identity {

    /**
     * Tries every stanza and returns the file key from the first one this identity can open.
     *
     * <p>"Not mine" and "broken" are different answers. A stanza of another type, or one that
     * fails authentication under this identity's key, is not this identity's: the result is
     * {@link Optional#empty()} and the decrypter goes on to the next identity. A stanza of this
     * identity's type that is malformed (wrong argument count, non-canonical encoding, wrong
     * length, an all-zero shared secret) makes the whole file invalid, because another
     * implementation might read it differently.
     *
     * @param stanzas every stanza of the header, in file order
     * @return the 16-byte file key (a fresh array the caller may wipe), or empty
     * @throws AgeException of kind {@code HEADER} if a stanza addressed to this type is malformed
     */
    Optional<byte[]> unwrap(List<Stanza> stanzas) throws AgeException;
}
