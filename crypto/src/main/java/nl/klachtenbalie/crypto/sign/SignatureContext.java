package nl.klachtenbalie.crypto.sign;

import java.nio.charset.StandardCharsets;

/**
 * What a signature is for. Every signature in the protocol names exactly one context, and the
 * context label is part of the signed bytes (protocol §4), so a signature made for one purpose can
 * never be replayed as another — a reporter's request signature is not a reporter message, a team
 * reply is not a team bundle.
 */
public enum SignatureContext {
    /** Team bundle, signed by the offline root key at a key ceremony. */
    BUNDLE("bundle"),
    /** A team reply to a reporter, signed by a member's reply-signing key. */
    REPLY("reply"),
    /** A reporter's message, signed by the mailbox key. */
    REPORTER_MSG("reporter-msg"),
    /** A reporter's API request, signed by the mailbox key. */
    REQUEST("request"),
    /** A team-internal event (case state, notes). */
    INTERNAL("internal"),
    /** An outbox bundle written by the desk. */
    OUTBOX("outbox");

    private static final String PREFIX = "klachtenbalie/v1/";

    private final String label;

    SignatureContext(String label) {
        this.label = label;
    }

    /** The short label, e.g. {@code reporter-msg}. */
    public String label() {
        return label;
    }

    /** The full ASCII prefix that starts every signed message in this context. */
    byte[] prefixBytes() {
        return (PREFIX + label).getBytes(StandardCharsets.US_ASCII);
    }
}
