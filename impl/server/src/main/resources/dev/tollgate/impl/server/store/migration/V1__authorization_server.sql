-- Tollgate authorization server, schema version 1: users, clients, refresh tokens, the access-token deny-list and
-- signing keys.
--
-- Portable SQL: the same file runs on H2 2.3 (the embedded default) and PostgreSQL 15 (production). Both are
-- tested by the store tests in impl (dev.tollgate.impl.server.store.*Test), which run this very file.
-- Conventions:
--  * Unquoted identifiers only (H2 folds them to upper case, PostgreSQL to lower case; both match unquoted SQL).
--  * Times are TIMESTAMP WITH TIME ZONE, always written by the application (in UTC), never by a column default,
--    so that every node and every test sees the same clock.
--  * Multi-valued fields (roles, redirect URIs, grant types, scopes) are one VARCHAR holding the values separated
--    by single spaces. No value can contain a space: roles and grant types are tokens, scopes are RFC 6749 §3.3
--    scope-tokens, and a URI never holds an unencoded space (RFC 3986). This needs no array type and no join
--    table, keeps each row self-contained, and nothing ever queries inside these lists.
--  * No secret is stored in the clear. Client secrets and refresh tokens are high-entropy server-generated values
--    kept as hex SHA-256 (64 characters); passwords use a slow, salted hash; private keys are encrypted.

-- People who log in (authorization code and password grants, plain X-API-Email/X-API-Password headers).
CREATE TABLE users (
    id               UUID                     NOT NULL,
    email            VARCHAR(320)             NOT NULL, -- as entered, for display
    email_normalized VARCHAR(320)             NOT NULL, -- trimmed and lower-cased: the case-insensitive login key
    password_hash    VARCHAR(255)             NOT NULL, -- self-describing: pbkdf2-sha256$<iterations>$<salt>$<hash>
    roles            VARCHAR(2000)            NOT NULL, -- space-separated; may be empty
    enabled          BOOLEAN                  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_email UNIQUE (email_normalized)
);
CREATE INDEX ix_users_created ON users (created_at, id);

-- OAuth clients: declared by the operator at start-up, or registered (RFC 7591) later.
-- A client is never deleted, only marked deleted_at, so that refresh tokens keep a valid foreign key and an id
-- is never handed out twice.
CREATE TABLE clients (
    client_id                      VARCHAR(255)             NOT NULL,
    name                           VARCHAR(255)             NOT NULL,
    secret_hash                    VARCHAR(64),                       -- hex SHA-256 of the secret; NULL: public client
    redirect_uris                  VARCHAR(4000)            NOT NULL, -- space-separated, matched exactly
    grant_types                    VARCHAR(255)             NOT NULL, -- space-separated grant_type values
    scopes                         VARCHAR(2000)            NOT NULL, -- space-separated scopes it may ask for
    is_global                      BOOLEAN                  NOT NULL, -- first-party, listed publicly ("global" is an SQL keyword)
    skip_consent                   BOOLEAN                  NOT NULL,
    declared                       BOOLEAN                  NOT NULL, -- defined by configuration, upserted at start
    owner                          VARCHAR(320),                      -- subject of the user who registered it
    access_token_lifetime_seconds  INTEGER,                           -- NULL: the server's default
    refresh_token_lifetime_seconds INTEGER,                           -- NULL: the server's default
    created_at                     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                     TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at                     TIMESTAMP WITH TIME ZONE,          -- soft delete
    CONSTRAINT pk_clients PRIMARY KEY (client_id)
);
CREATE INDEX ix_clients_owner ON clients (owner, created_at);

-- Opaque refresh tokens, stored only as hashes. Every token of one grant shares a family_id; a rotation marks the
-- old token used_at/replaced_by, and a reuse after the grace period revokes the whole family.
CREATE TABLE refresh_tokens (
    token_hash  VARCHAR(64)              NOT NULL, -- hex SHA-256 of the token
    family_id   VARCHAR(64)              NOT NULL,
    client_id   VARCHAR(255)             NOT NULL,
    subject     VARCHAR(320)             NOT NULL,
    scope       VARCHAR(2000)            NOT NULL, -- space-separated granted scopes
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,          -- when it was exchanged for its successor
    replaced_by VARCHAR(64),                       -- token_hash of that successor
    revoked_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_refresh_tokens PRIMARY KEY (token_hash),
    CONSTRAINT fk_refresh_tokens_client FOREIGN KEY (client_id) REFERENCES clients (client_id)
);
CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX ix_refresh_tokens_subject ON refresh_tokens (subject, client_id);
CREATE INDEX ix_refresh_tokens_expires ON refresh_tokens (expires_at);

-- The deny-list of revoked JWT access tokens (which are otherwise not stored). A row can be purged once the token
-- has expired; revoked_at lets every node fetch what was revoked since its last look.
CREATE TABLE revoked_access_tokens (
    jti        VARCHAR(255)             NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL, -- the token's exp
    revoked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_revoked_access_tokens PRIMARY KEY (jti)
);
CREATE INDEX ix_revoked_access_tokens_revoked ON revoked_access_tokens (revoked_at);
CREATE INDEX ix_revoked_access_tokens_expires ON revoked_access_tokens (expires_at);

-- Token-signing keys, shared by every node. Generation n+1 is created (by whichever node gets there first: the
-- unique generation makes a concurrent second insert fail) ahead of its active_from, so that it is already in
-- every JWKS when it starts signing. A key stays published until retired_at plus the longest token lifetime.
CREATE TABLE signing_keys (
    kid                   VARCHAR(64)              NOT NULL, -- RFC 7638 JWK thumbprint
    generation            BIGINT                   NOT NULL,
    algorithm             VARCHAR(16)              NOT NULL, -- JWS alg, e.g. ES256 or RS256
    public_jwk            VARCHAR(4000)            NOT NULL, -- JSON
    private_jwk_encrypted VARCHAR(16000)           NOT NULL, -- the private JWK, AES-256-GCM under the key-encryption key
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    active_from           TIMESTAMP WITH TIME ZONE NOT NULL, -- signs from then on, until its successor's active_from
    retired_at            TIMESTAMP WITH TIME ZONE,          -- its successor's active_from
    CONSTRAINT pk_signing_keys PRIMARY KEY (kid),
    CONSTRAINT uq_signing_keys_generation UNIQUE (generation)
);
