package nl.klachtenbalie.keys.desk.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import nl.klachtenbalie.crypto.bundle.Member;
import nl.klachtenbalie.crypto.sign.SignatureContext;
import nl.klachtenbalie.keys.desk.DeskException;
import nl.klachtenbalie.keys.desk.cases.CaseBook;
import nl.klachtenbalie.keys.desk.cases.CaseBookCodec;
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
 * <p>Plaintext (inside one age file encrypted to the current bundle's recipients):
 * {@code "klachtenbalie-desk-snapshot/v1" SP signerId SP base64(signature) LF body}, where body is
 * the JSON written once and signed as stored (never re-serialised). The signature is Ed25519 over
 * §4's {@code signed("internal", deploymentId, ascii("desk-snapshot/v1"), SHA-256(body))}: two parts,
 * where every internal event signs one, so neither can stand for the other (the encoding is
 * length-prefixed and injective).
 */
final class CaseBookSnapshot {

    static final String DOCUMENT = "case-book.age";
    static final String FORMAT = "klachtenbalie-desk-snapshot/v1";
    private static final byte[] LABEL = "desk-snapshot/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER = 512;

    private final ObjectMapper json = new ObjectMapper();
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
            Optional<JsonNode> body = verifiedBody(plain);
            if (body.isEmpty()) {
                return Optional.empty();
            }
            JsonNode root = body.get();
            if (!FORMAT.equals(root.path("format").asText())
                    || !CaseBookCodec.schema().equals(root.path("schema").asText())
                    || !cover.digest().equals(root.path("cover").path("digest").asText())
                    || cover.events() != root.path("cover").path("events").asInt(-1)) {
                return Optional.empty();
            }
            return Optional.of(codec.read(root.path("book"), events, me.identities(), team));
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
        try {
            ObjectNode root = json.createObjectNode();
            root.put("format", FORMAT);
            root.put("schema", CaseBookCodec.schema());
            root.putObject("cover").put("events", cover.events()).put("digest", cover.digest());
            root.put("signer", me.id());
            root.set("book", codec.write(book));
            byte[] body = json.writeValueAsBytes(root);
            byte[] signature = me.signingKey().sign(SignatureContext.INTERNAL, team.deploymentId(), LABEL, sha256(body));
            byte[] header = (FORMAT + " " + me.id() + " " + Base64.getEncoder().encodeToString(signature) + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] plain = new byte[header.length + body.length];
            System.arraycopy(header, 0, plain, 0, header.length);
            System.arraycopy(body, 0, plain, header.length, body.length);
            Arrays.fill(body, (byte) 0);
            store.writeDocument(DOCUMENT, plain, team.teamRecipients());
        } catch (IOException | RuntimeException e) {
            // Best effort by design, see above.
        }
    }

    private Optional<JsonNode> verifiedBody(byte[] plain) throws IOException {
        int lf = -1;
        for (int i = 0; i < Math.min(plain.length, MAX_HEADER); i++) {
            if (plain[i] == '\n') {
                lf = i;
                break;
            }
        }
        if (lf < 0) {
            return Optional.empty();
        }
        String[] header = new String(plain, 0, lf, StandardCharsets.US_ASCII).split(" ");
        if (header.length != 3 || !FORMAT.equals(header[0])) {
            return Optional.empty();
        }
        Optional<Member> signer = team.latestMember(header[1]);
        if (signer.isEmpty() || !TeamDirectory.signerValidOn(signer.get(), LocalDate.now(clock))) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOfRange(plain, lf + 1, plain.length);
        byte[] signature = Base64.getDecoder().decode(header[2]);
        if (!signer.get().signingKey().verify(SignatureContext.INTERNAL, team.deploymentId(), signature, LABEL,
                sha256(body))) {
            return Optional.empty();
        }
        JsonNode root = json.readTree(body);
        Arrays.fill(body, (byte) 0);
        if (!header[1].equals(root.path("signer").asText())) {
            return Optional.empty();
        }
        return Optional.of(root);
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
