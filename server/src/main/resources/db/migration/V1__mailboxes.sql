-- The whole memory of the server. Deliberately absent: addresses, user agents, request lines and any
-- time finer than a day. `day` is always YYYY-MM-DD (UTC).

-- A mailbox is known only by its random id and the public key that signs its requests.
CREATE TABLE mailboxes (
    mailbox_id  BLOB PRIMARY KEY CHECK (length(mailbox_id) = 16),
    public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
    last_day    TEXT NOT NULL,
    total_bytes INTEGER NOT NULL
) WITHOUT ROWID;

-- Per-mailbox append-only log. seq is the per-mailbox order; xseq is the global export order.
-- (client_event_id, part) makes retries idempotent: a create with attachments is one client event
-- in several parts.
CREATE TABLE events (
    mailbox_id      BLOB NOT NULL,
    seq             INTEGER NOT NULL,
    event_id        BLOB NOT NULL UNIQUE,
    client_event_id BLOB NOT NULL,
    part            INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('report', 'attachment', 'message', 'reply')),
    day             TEXT NOT NULL,
    xseq            INTEGER NOT NULL UNIQUE,
    blob            BLOB NOT NULL,
    PRIMARY KEY (mailbox_id, seq),
    UNIQUE (mailbox_id, client_event_id, part)
) WITHOUT ROWID;

-- Team-only opaque blobs (case state, notes): not keyed by mailbox, so the server cannot tell which
-- case they belong to or when a case closed.
CREATE TABLE team_blobs (
    event_id BLOB PRIMARY KEY,
    day      TEXT NOT NULL,
    xseq     INTEGER NOT NULL UNIQUE,
    blob     BLOB NOT NULL
) WITHOUT ROWID;

-- What is left of a forgotten or expired mailbox until every team account has exported it.
CREATE TABLE tombstones (
    mailbox_id BLOB PRIMARY KEY,
    reason     TEXT NOT NULL CHECK (reason IN ('forget', 'expired')),
    day        TEXT NOT NULL,
    xseq       INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;

CREATE TABLE team_accounts (
    name           TEXT PRIMARY KEY,
    password_hash  TEXT NOT NULL,
    totp_secret    BLOB NOT NULL,
    last_totp_step INTEGER NOT NULL DEFAULT 0,
    export_cursor  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- The current signed team bundle, exactly as signed.
CREATE TABLE team_bundle (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    file    BLOB NOT NULL
);

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO counters (name, value) VALUES ('xseq', 0);
