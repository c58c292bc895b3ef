package nl.klachtenbalie.keys.desk.events;

import java.time.LocalDate;

/** The signed content of a team reply (protocol §7.3). */
public record ReplyPayload(String mailbox, long replySeq, String lastReporterEvent, long bundleVersion,
                           String signer, LocalDate day, String lang, String text) {
}
