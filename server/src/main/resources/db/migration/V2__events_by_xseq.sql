-- Events and team-only blobs become ordinary (rowid) tables keyed by their export number xseq.
--
-- Why: in a WITHOUT ROWID table the whole row is the b-tree key, so interior pages carry whole rows
-- and every comparison while seeking a row larger than about 1 KB reads that row in full from its
-- overflow pages. With the ciphertext in the row, one append read some fifty 4 KiB pages of other
-- reporters' ciphertext to find where its own row goes (strace of the writer, docs/benchmarks.md §1).
-- Keyed by xseq, a row goes at the end of the table, seeks compare integers, and the lookups by
-- mailbox go through small indexes that hold no ciphertext.
--
-- Same columns, same constraints, same rows; nothing is added. Runs inside the migration's
-- transaction, so a failure leaves version 1 as it was. secure_delete (set per connection) zeroes
-- the old tables' pages when they are dropped.

CREATE TABLE events_by_xseq (
    mailbox_id      BLOB NOT NULL,
    seq             INTEGER NOT NULL,
    event_id        BLOB NOT NULL UNIQUE,
    client_event_id BLOB NOT NULL,
    part            INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('report', 'attachment', 'message', 'reply')),
    day             TEXT NOT NULL,
    xseq            INTEGER PRIMARY KEY,
    blob            BLOB NOT NULL,
    UNIQUE (mailbox_id, seq),
    UNIQUE (mailbox_id, client_event_id, part)
);

INSERT INTO events_by_xseq (mailbox_id, seq, event_id, client_event_id, part, kind, day, xseq, blob)
    SELECT mailbox_id, seq, event_id, client_event_id, part, kind, day, xseq, blob FROM events ORDER BY xseq;

DROP TABLE events;

ALTER TABLE events_by_xseq RENAME TO events;

CREATE TABLE team_blobs_by_xseq (
    event_id BLOB NOT NULL UNIQUE,
    day      TEXT NOT NULL,
    xseq     INTEGER PRIMARY KEY,
    blob     BLOB NOT NULL
);

INSERT INTO team_blobs_by_xseq (event_id, day, xseq, blob)
    SELECT event_id, day, xseq, blob FROM team_blobs ORDER BY xseq;

DROP TABLE team_blobs;

ALTER TABLE team_blobs_by_xseq RENAME TO team_blobs;
