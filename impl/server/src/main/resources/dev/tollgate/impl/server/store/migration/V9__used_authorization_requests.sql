-- Tollgate authorization server, schema version 9: pending authorization requests are answered once. Portable to
-- H2 2.3 and PostgreSQL 15, with the conventions of V1.

-- A pending authorization request is not stored: it travels with the browser, sealed (FlowSeals), so that any node
-- serves any step and an unauthenticated GET /oauth2/authorize writes nothing. What the browser cannot keep is that a
-- request was answered: a consent form sent again (a replay, a double click, two nodes at once) must not issue a
-- second code. So the answer of a pending request (a code or access_denied) first inserts the request's random id
-- here; the primary key lets exactly one insert win, on any node. A row is worth keeping only until the sealed
-- request expires (15 minutes after it was made): then the purge deletes it.
CREATE TABLE used_authorization_requests (
    request_id VARCHAR(32)              NOT NULL, -- the sealed request's random id: 128 bits, base64url
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL, -- the sealed request's expiry
    CONSTRAINT pk_used_authorization_requests PRIMARY KEY (request_id)
);
CREATE INDEX ix_used_authorization_requests_expires ON used_authorization_requests (expires_at);
