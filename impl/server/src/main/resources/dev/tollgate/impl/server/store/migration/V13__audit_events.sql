-- Tollgate authorization server, schema version 13: the audit trail. Portable to H2 2.3 and PostgreSQL 15, with the
-- conventions of V1.

-- Security events (sign-ins, lockouts, token reuse, changes to clients, users, consents and keys; token issuance
-- when tollgate.server.audit.token-events is on), one row each, for GET /api/admin/events. Written once, never
-- updated; deleted by the purge tollgate.server.audit.retention after occurred_at. No column ever holds a secret,
-- a token, a password, or what a failed sign-in typed as the name: the application leaves those out.
CREATE TABLE audit_events (
    id             UUID                     NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type     VARCHAR(64)              NOT NULL, -- dotted, e.g. 'user.disabled' (see README "Audit trail")
    outcome        VARCHAR(16)              NOT NULL, -- 'success' or 'failure'
    actor          VARCHAR(320),                      -- the user id or client id who acted, if known
    subject        VARCHAR(320),                      -- the user id the event is about, if any
    client_id      VARCHAR(255),                      -- the client the event is about, if any
    client_address VARCHAR(64),                       -- the servlet's remote address (forwarded headers not trusted)
    detail         VARCHAR(2000),                     -- a small JSON object; never a secret
    CONSTRAINT pk_audit_events PRIMARY KEY (id)
);
-- Newest first, and the purge; the filters narrow by one column and then walk time.
CREATE INDEX ix_audit_events_time ON audit_events (occurred_at, id);
CREATE INDEX ix_audit_events_subject ON audit_events (subject, occurred_at);
CREATE INDEX ix_audit_events_client ON audit_events (client_id, occurred_at);
CREATE INDEX ix_audit_events_type ON audit_events (event_type, occurred_at);
