package nl.klachtenbalie.server.db;

/** A stored mailbox: its request-signing key, the last day it saw activity and its stored bytes. */
public record MailboxRow(byte[] publicKey, String lastDay, long totalBytes) {
}
