-- Tollgate authorization server, schema version 8: the login lockout counted across the cluster, and the lease that
-- makes the housekeeping run once per cluster. Portable to H2 2.3 and PostgreSQL 15, with the conventions of V1.

-- The lockout's counts (DatabaseAccountLockout): one row per key, a key being an account from one client address, or
-- an account from everywhere. Failures are written; a check is reserved here (pending) only once the key has a row,
-- so that a success of an account without failures costs no write. Every statement on a row is one atomic,
-- conditional UPDATE (or an INSERT retried as an UPDATE on a duplicate key), so that all nodes count together.
--  * key_hash: base64url SHA-256 of the key, so that the table holds neither the names tried (users sometimes type
--    their password there) nor the addresses, and every key has the same length.
--  * A row counts only while it is live: expires_at in the future and, when locked, locked_until too. A lock sets
--    expires_at to at least locked_until, so a lock that runs out takes its count with it. Reads ignore dead rows, a
--    write revives one from zero, and the purge deletes them.
CREATE TABLE login_lockouts (
    key_hash     VARCHAR(43)              NOT NULL,
    failures     INTEGER                  NOT NULL, -- failed checks in a row (at most the key's limit)
    pending      INTEGER                  NOT NULL, -- checks reserved in the database and not yet completed
    locked_until TIMESTAMP WITH TIME ZONE,          -- NULL: not locked
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL, -- one lockout period after the last write, at least locked_until
    CONSTRAINT pk_login_lockouts PRIMARY KEY (key_hash),
    CONSTRAINT ck_login_lockouts_counts CHECK (failures >= 0 AND pending >= 0)
);
CREATE INDEX ix_login_lockouts_expires ON login_lockouts (expires_at);

-- One row per periodic task that every node schedules but that should do its work once per interval (the expired-row
-- purge): a node runs the task only if it moves next_run forward with a conditional UPDATE
-- (... SET next_run = ? WHERE name = ? AND next_run <= ?), which exactly one node wins. The row is made by the first
-- node that finds it missing.
CREATE TABLE housekeeping_leases (
    name     VARCHAR(64)              NOT NULL,
    next_run TIMESTAMP WITH TIME ZONE NOT NULL,
    ran_at   TIMESTAMP WITH TIME ZONE NOT NULL, -- when the last winner started, for operators
    CONSTRAINT pk_housekeeping_leases PRIMARY KEY (name)
);
