package nl.klachtenbalie.crypto.event;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import nl.klachtenbalie.crypto.age.AgeEncrypter;
import nl.klachtenbalie.crypto.age.HybridRecipient;
import nl.klachtenbalie.crypto.age.Recipient;
import nl.klachtenbalie.crypto.pad.Padding;
import nl.klachtenbalie.crypto.pad.PaddingException;
import nl.klachtenbalie.crypto.receipt.KeyDerivation;
import nl.klachtenbalie.crypto.sign.Ed25519PrivateKey;
import nl.klachtenbalie.crypto.sign.SignatureContext;

/**
 * Writes events (protocol §7): sign → pad → age-encrypt. Each method fixes the context and the
 * recipients its event type requires, so a caller cannot sign a reply as an internal note or
 * forget to encrypt a reporter's message to the reporter:
 *
 * <ul>
 *   <li>reporter messages: {@code reporter-msg}, to the team and the reporter's own recipient;
 *   <li>replies: {@code reply}, to the reporter's pinned recipient and the team;
 *   <li>internal events: {@code internal}, to the team only;
 *   <li>attachments: not signed (the report lists their hash), to the team only.
 * </ul>
 *
 * <p>Thread-safe if the injected {@link SecureRandom} is.
 */
public final class EventSealer {

    private final String deploymentId;
    private final AgeEncrypter encrypter;

    public EventSealer(String deploymentId, SecureRandom random) {
        this.deploymentId = KeyDerivation.checkDeploymentId(deploymentId);
        this.encrypter = new AgeEncrypter(Objects.requireNonNull(random, "random"));
    }

    /**
     * A reporter's report or message, signed by the mailbox key and encrypted to the team and to
     * the message's own {@code replyRecipient} (so the reporter can reread it) — if both are of one
     * kind. A file never mixes hybrid and classic recipients (§9.2): a classic reply recipient
     * after the team's flag day gets no stanza (the message is encrypted to the team only), unless
     * the message announces the reporter's hybrid recipient, which then gets the stanza.
     *
     * @throws IllegalArgumentException if {@code mailboxKey} is not the message's {@code mailboxKey}
     */
    public byte[] sealReporterMessage(ReporterMessage message, Ed25519PrivateKey mailboxKey,
            List<? extends Recipient> team) {
        if (!mailboxKey.publicKey().equals(message.mailboxKey())) {
            throw new IllegalArgumentException("the message names another mailbox key");
        }
        SignedEnvelope envelope = SignedEnvelope.sign(mailboxKey, SignatureContext.REPORTER_MSG, deploymentId,
                message.toJson());
        // An announcement (§9.2) is already encrypted to the hybrid recipient it announces.
        return seal(envelope, sameKindOrTeam(team, Recipient.parse(message.ownRecipient())));
    }

    /**
     * A team reply, signed by the member's reply-signing key, encrypted to the reporter's pinned
     * recipient and {@code team}. A file never mixes hybrid and classic recipients (§9.2), so
     * {@code team} must be of the pinned recipient's kind: for a reporter still pinned to a classic
     * recipient after the flag day, the caller passes the team's classic recipients (the desks keep
     * the classic identities), see {@code docs/protocol.md} §9.2.
     *
     * @throws IllegalArgumentException if the pin is for another mailbox than the reply's, or if
     *     {@code team} and the pinned recipient are of different kinds
     *
     */
    public byte[] sealReply(Reply reply, Ed25519PrivateKey signingKey, MailboxPin pin,
            List<? extends Recipient> team) {
        if (!pin.mailbox().equals(reply.mailbox())) {
            throw new IllegalArgumentException("the reply is for another mailbox than the pin");
        }
        SignedEnvelope envelope = SignedEnvelope.sign(signingKey, SignatureContext.REPLY, deploymentId, reply.toJson());
        Recipient reporter = Recipient.parse(pin.replyRecipient());
        if (!sameKind(team, reporter)) {
            throw new IllegalArgumentException("a reply must not mix hybrid and classic recipients: encrypt it to the"
                    + " team recipients of the reporter's kind");
        }
        return seal(envelope, withExtra(team, reporter));
    }

    /** A team-internal event, signed by a member key, encrypted to the team only. */
    public byte[] sealInternal(InternalEvent event, Ed25519PrivateKey signingKey, List<? extends Recipient> team) {
        SignedEnvelope envelope = SignedEnvelope.sign(signingKey, SignatureContext.INTERNAL, deploymentId,
                event.toJson());
        return seal(envelope, team);
    }

    /**
     * An attachment: the image bytes padded and encrypted to the team only. Its {@link EventHash}
     * goes into the report's {@link AttachmentRef}.
     *
     * @throws PaddingException if the image is larger than the largest bucket
     */
    public byte[] sealAttachment(byte[] image, List<? extends Recipient> team) throws PaddingException {
        return encrypter.encrypt(Padding.pad(image), List.copyOf(team));
    }

    /** Pads and encrypts an already signed envelope to {@code recipients}. */
    public byte[] seal(SignedEnvelope envelope, List<? extends Recipient> recipients) {
        try {
            return encrypter.encrypt(Padding.pad(envelope.encode()), List.copyOf(recipients));
        } catch (PaddingException e) {
            throw new AssertionError("an envelope is far smaller than the largest bucket", e);
        }
    }

    /** True if every team recipient is of {@code other}'s kind (all hybrid or all classic). */
    private static boolean sameKind(List<? extends Recipient> team, Recipient other) {
        boolean hybrid = other instanceof HybridRecipient;
        return team.stream().allMatch(r -> (r instanceof HybridRecipient) == hybrid);
    }

    private static List<Recipient> sameKindOrTeam(List<? extends Recipient> team, Recipient extra) {
        return sameKind(team, extra) ? withExtra(team, extra) : withExtra(team, null);
    }

    private static List<Recipient> withExtra(List<? extends Recipient> team, Recipient extra) {
        if (team.isEmpty()) {
            throw new IllegalArgumentException("no team recipients");
        }
        LinkedHashSet<Recipient> all = new LinkedHashSet<>(team);
        if (extra == null) {
            return new ArrayList<>(all);
        }
        all.add(extra);
        return new ArrayList<>(all);
    }
}
