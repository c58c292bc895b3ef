package nl.klachtenbalie.crypto.event;

import java.util.Arrays;
import java.util.List;
import nl.klachtenbalie.crypto.age.AgeDecrypter;
import nl.klachtenbalie.crypto.age.AgeException;
import nl.klachtenbalie.crypto.age.Identity;
import nl.klachtenbalie.crypto.pad.Padding;
import nl.klachtenbalie.crypto.pad.PaddingException;

/**
 * Reads events (protocol §7): age-decrypt → unpad → parse the envelope. Opening does not verify:
 * the caller verifies the returned envelope with {@link EventVerifier} against what it expects,
 * because only it knows the filed mailbox, the pinned key and the trusted bundle.
 *
 * <p>Bounded work: event files above {@link #MAX_EVENT_FILE_SIZE} and attachment files above
 * {@link #MAX_ATTACHMENT_FILE_SIZE} are refused before decryption. Decryption is all or nothing,
 * so no unauthenticated plaintext is ever returned.
 */
public final class EventOpener {

    /** The padded bucket an envelope of at most {@link SignedEnvelope#MAX_ENCODED_SIZE} fits in. */
    static final int MAX_EVENT_BUCKET = 524_288;

    /** An event's age file: the largest envelope bucket plus a generous header allowance. */
    public static final int MAX_EVENT_FILE_SIZE = MAX_EVENT_BUCKET + 64 * 1024;

    /** An attachment's age file: the largest bucket, STREAM tags and a header allowance. */
    public static final int MAX_ATTACHMENT_FILE_SIZE = Padding.BUCKETS.get(Padding.BUCKETS.size() - 1) + 256 * 1024;

    private final List<? extends Identity> identities;
    private final AgeDecrypter decrypter = new AgeDecrypter();

    /** @param identities tried in order: the reporter's reply identity, or the desk's member identities */
    public EventOpener(List<? extends Identity> identities) {
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("no identities");
        }
        this.identities = List.copyOf(identities);
    }

    /**
     * Decrypts an event and parses its envelope.
     *
     * @throws EventException {@code DECRYPT} if no identity opens it or it is corrupt;
     *     {@code MALFORMED} for a size, padding or envelope failure
     */
    public OpenedEvent open(byte[] ageFile) throws EventException {
        if (ageFile.length > MAX_EVENT_FILE_SIZE) {
            throw EventException.malformed("event file too large");
        }
        byte[] padded = decrypt(ageFile);
        try {
            if (padded.length > MAX_EVENT_BUCKET) {
                throw EventException.malformed("event padded beyond the envelope size limit");
            }
            return new OpenedEvent(EventHash.of(ageFile), SignedEnvelope.parse(unpad(padded)));
        } finally {
            Arrays.fill(padded, (byte) 0);
        }
    }

    /**
     * Decrypts an attachment and checks it is the one a verified report listed: its file hash must
     * equal {@code ref.sha256()} and its size {@code ref.bytes()}.
     *
     * @return the image bytes, still hostile: display them only after re-encoding
     * @throws EventException {@code MALFORMED} on a hash, size or padding mismatch; {@code DECRYPT}
     */
    public byte[] openAttachment(byte[] ageFile, AttachmentRef ref) throws EventException {
        if (ageFile.length > MAX_ATTACHMENT_FILE_SIZE) {
            throw EventException.malformed("attachment file too large");
        }
        if (!EventHash.of(ageFile).equals(ref.sha256())) {
            throw EventException.malformed("attachment is not the one the report lists");
        }
        byte[] padded = decrypt(ageFile);
        try {
            byte[] image = unpad(padded);
            if (image.length != ref.bytes()) {
                throw EventException.malformed("attachment size differs from the report");
            }
            return image;
        } finally {
            Arrays.fill(padded, (byte) 0);
        }
    }

    private byte[] decrypt(byte[] ageFile) throws EventException {
        try {
            return decrypter.decrypt(ageFile, identities);
        } catch (AgeException e) {
            throw new EventException(EventException.Kind.DECRYPT, "age " + e.kind() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] unpad(byte[] padded) throws EventException {
        try {
            return Padding.unpad(padded);
        } catch (PaddingException e) {
            throw EventException.malformed("padding " + e.kind());
        }
    }
}
