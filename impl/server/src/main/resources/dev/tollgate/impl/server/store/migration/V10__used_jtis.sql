-- Tollgate authorization server, schema version 10: one-time JWT ids seen by any node. Portable to H2 2.3 and
-- PostgreSQL 15, with the conventions of V1.

-- A DPoP proof (RFC 9449 §11.1) and a client assertion (RFC 7523 §3, item 7) each carry a `jti` that the server must
-- accept once within the proof's or assertion's lifetime. A cache per node would let an attacker replay a captured
-- proof on another node of a cluster, so the first use inserts a row here and the primary key lets exactly one
-- insert win. The jti is stored as its SHA-256 hash (fixed length, whatever the sender chose), scoped by what it
-- was used for and by whom (the client, or the proof's key thumbprint), so that two senders never collide. A row
-- is worth keeping only until the proof or assertion could no longer be accepted: then the purge deletes it.
CREATE TABLE used_jtis (
    purpose    VARCHAR(32)              NOT NULL, -- 'dpop-proof' or 'client-assertion'
    jti_hash   VARCHAR(43)              NOT NULL, -- base64url SHA-256 of (issuer scope, jti)
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL, -- after it, the proof or assertion is refused anyway
    CONSTRAINT pk_used_jtis PRIMARY KEY (purpose, jti_hash)
);
CREATE INDEX ix_used_jtis_expires ON used_jtis (expires_at);
