-- Tollgate authorization server, schema version 3: authorization codes (RFC 6749 §4.1, with PKCE per RFC 7636)
-- and remembered consents. Portable to H2 2.3 and PostgreSQL 15, with the conventions of V1.

-- Authorization codes, stored only as the hex SHA-256 of the code (the code is 256 random bits). A code is
-- single-use: the exchange sets used_at with "UPDATE ... WHERE used_at IS NULL", so that of two parallel exchanges
-- only one wins. A row stays after use (until purged after expiry) so that a replay is recognized, and family_id
-- names the tokens issued from the code, so that the token endpoint can revoke them on replay.
CREATE TABLE authorization_codes (
    code_hash             VARCHAR(64)              NOT NULL, -- hex SHA-256 of the code
    family_id             VARCHAR(64)              NOT NULL, -- the refresh-token family of the tokens issued from it
    client_id             VARCHAR(255)             NOT NULL,
    subject               VARCHAR(320)             NOT NULL, -- the user (normalized email)
    redirect_uri          VARCHAR(2000)            NOT NULL, -- the redirect URI the code was sent to
    redirect_uri_required BOOLEAN                  NOT NULL, -- redirect_uri was in the request: the exchange must repeat it
    scope                 VARCHAR(2000)            NOT NULL, -- normalized: sorted, space-separated; may be empty
    code_challenge        VARCHAR(128)             NOT NULL, -- BASE64URL(SHA-256(code_verifier))
    code_challenge_method VARCHAR(16)              NOT NULL, -- always S256 ("plain" is refused)
    nonce                 VARCHAR(2000),                     -- OpenID Connect nonce, for the id_token
    auth_time             TIMESTAMP WITH TIME ZONE NOT NULL, -- when the user logged in
    issued_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at               TIMESTAMP WITH TIME ZONE,          -- set once, by the exchange that won
    replayed_at           TIMESTAMP WITH TIME ZONE,          -- first exchange attempt after use
    access_token_jti      VARCHAR(255),                      -- jti of the access token issued from the code
    access_token_expires  TIMESTAMP WITH TIME ZONE,          -- its exp: how long a deny-list entry must last
    CONSTRAINT pk_authorization_codes PRIMARY KEY (code_hash)
);
CREATE INDEX ix_authorization_codes_expires ON authorization_codes (expires_at);
CREATE INDEX ix_authorization_codes_family ON authorization_codes (family_id);

-- Consent a user gave a client, remembered per user, client and exact scope set (normalized: the distinct scopes
-- sorted and joined by single spaces; the empty string for no scope).
CREATE TABLE consents (
    subject    VARCHAR(320)             NOT NULL,
    client_id  VARCHAR(255)             NOT NULL,
    scope      VARCHAR(2000)            NOT NULL,
    granted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_consents PRIMARY KEY (subject, client_id, scope)
);
CREATE INDEX ix_consents_client ON consents (client_id);
