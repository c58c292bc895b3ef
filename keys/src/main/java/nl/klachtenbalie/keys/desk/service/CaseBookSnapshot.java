package nl.klachtenbalie.keys.desk.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import nl.klachtenbalie.keys.desk.cases.CaseBook;
import nl.klachtenbalie.keys.desk.cases.CaseBookCodec;
import nl.klachtenbalie.keys.desk.cases.CaseSchema;
import nl.klachtenbalie.keys.desk.events.EventCodec;
import nl.klachtenbalie.keys.desk.store.DeskStore;
import nl.klachtenbalie.keys.desk.store.IndexCover;
import nl.klachtenbalie.keys.desk.team.TeamDirectory;
import nl.klachtenbalie.keys.desk.team.UnlockedMember;

/**
 * The sealed case-book snapshot (protocol §10.2): the book as replaying the index built it, so a
 * desk with 10,000 cases opens without decrypting and verifying 10,000 events again.
 *
 * <p>Encryption alone would not do: anyone can encrypt to the team's public recipients, and a
 * forged snapshot would show a forged case as if its report had verified. So the body is signed
 * by the member who wrote it, and a snapshot is used only if that member is active in the current
 * bundle, the signature verifies under the member's bundle key, and the body covers exactly the
 * index being opened ({@link IndexCover}). Everything else — missing, stale, unreadable, bad
 * signature, another version — is not an error: the caller replays the events and writes a new one.
 *
 * <p>Plaintext (inside one age file encrypted to the current bundle's recipients): one ASCII header
 * line {@code FORMAT SP signerId SP schema SP events SP digest SP base64(signature) LF}, then the body:
 * the book's JSON, deflated. The signature is Ed25519 over §4's
 * {@code signed("internal", deploymentId, ascii("desk-snapshot/v1"), ascii(header up to digest),
 * SHA-256(body))} — three parts, where every internal event signs one, so neither can stand for the
 * other (the encoding is length-prefixed and injective). The cover is checked first and the
 * signature before anything is inflated or parsed.
 *
 * <p>Deflating before encrypting makes the ciphertext's length depend on the text; that would
 * matter if someone could feed chosen text and watch the file size of an air-gapped desk's disk
 * many times over. It is done because the desk's age decryption runs at ≈ 20–30 MiB/s in Java, and
 * the snapshot of 10,000 cases is ≈ 20 MiB of JSON.
 */
final class CaseBookSnapshot {

    static final String DOCUMENT = "case-book.age";
    static final String FORMAT = "klachtenbalie-desk-snapshot/v1";
    private static final byte[] LABEL = "desk-snapshot/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER = 512;

    private final CaseBookCodec codec = new CaseBookCodec();
    private final DeskStore store;
    private final TeamDirectory team;
    private final UnlockedMember me;
    private final Clock clock;

    CaseBookSnapshot(DeskStore store, TeamDirectory team, UnlockedMember me, Clock clock) {
        this.store = store;
        this.team = team;
        this.me = me;
        this.clock = clock;
    }

    /** The restored book, if a snapshot exists, is authentic and covers exactly {@code cover}. */
    Optional<CaseBook> load(IndexCover cover, EventCodec events) {
        byte[] plain = null;
        try {
            plain = store.readDocument(DOCUMENT, me.identities()).orElse(null);
            if (plain == null) {
                return Optional.empty();
            }
            int lf = headerEnd(plain);
            String[] h = lf < 0 ? new String[0] : new String(plain, 0, lf, StandardCharsets.US_ASCII).split(" ");
            if (h.length != 6 || !FORMAT.equals(h[0]) || !CaseSchema.hash().equals(h[2])
                    || !Integer.toString(cover.events()).equals(h[3]) || !cover.digest().equals(h[4])) {
                return Optional.empty(); // another version, or stale: no need to check the signature
            }
            Optional<Member> signer = team.latestMember(h[1]);
            if (signer.isEmpty() || !TeamDirectory.signerValidOn(signer.get(), LocalDate.now(clock))) {
                return Optional.empty();
            }
            byte[] body = Arrays.copyOfRange(plain, lf + 1, plain.length);
            byte[] signed = String.join(" ", Arrays.copyOf(h, 5)).getBytes(StandardCharsets.US_ASCII);
            if (!signer.get().signingKey().verify(SignatureContext.INTERNAL, team.deploymentId(),
                    Base64.getDecoder().decode(h[5]), LABEL, signed, sha256(body))) {
                return Optional.empty();
            }
            try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(body))) {
                return Optional.of(codec.read(in, events, me.identities(), team));
            } finally {
                Arrays.fill(body, (byte) 0);
            }
        } catch (IOException | RuntimeException unusable) {
            // Unreadable, not for us, damaged or malformed: the events are the truth; replay them.
            return Optional.empty();
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * Seals {@code book} as the snapshot of {@code cover}. A failure here loses nothing (the next
     * open replays), so it is not the case worker's problem; a stale file left behind is refused by
     * its cover.
     */
    void save(CaseBook book, IndexCover cover) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            ByteArrayOutputStream deflated = new ByteArrayOutputStream();
            codec.write(book, new DeflaterOutputStream(deflated, deflater));
            byte[] plain = seal(me.id(), me.signingKey(), team.deploymentId(), CaseSchema.hash(), cover,
                    deflated.toByteArray());
            store.writeDocument(DOCUMENT, plain, team.teamRecipients());
        } catch (IOException | RuntimeException e) {
            // Best effort by design, see above.
        } finally {
            deflater.end();
        }
    }

    /** The plaintext of a snapshot: the signed header line, then {@code body}. */
    static byte[] seal(String signerId, Ed25519PrivateKey key, String deploymentId, String schema, IndexCover cover,
                       byte[] body) {
        String signed = FORMAT + " " + signerId + " " + schema + " " + cover.events() + " " + cover.digest();
        byte[] signature = key.sign(SignatureContext.INTERNAL, deploymentId, LABEL,
                signed.getBytes(StandardCharsets.US_ASCII), sha256(body));
        byte[] header = (signed + " " + Base64.getEncoder().encodeToString(signature) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] plain = new byte[header.length + body.length];
        System.arraycopy(header, 0, plain, 0, header.length);
        System.arraycopy(body, 0, plain, header.length, body.length);
        return plain;
    }

    /** The index of the header's LF, or -1 if there is none where a header could be. */
    static int headerEnd(byte[] plain) {
        for (int i = 0; i < Math.min(plain.length, MAX_HEADER); i++) {
            if (plain[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
