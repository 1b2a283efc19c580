-- Tollgate authorization server, schema version 12: clients that authenticate with a key (private_key_jwt) and
-- clients that must push their authorization requests. Portable to H2 2.3 and PostgreSQL 15, with the conventions
-- of V1.

-- A private_key_jwt client (RFC 7523 §2.2) has no secret: it proves itself with a JWT signed by a private key it
-- keeps, checked against the public keys it registered (RFC 7591 §2): either the JWK Set itself (`jwks`, public
-- members only, at most 16 KiB as validated on the way in) or where to fetch it (`jwks_uri`), never both.
ALTER TABLE clients ADD COLUMN jwks VARCHAR(16384);
ALTER TABLE clients ADD COLUMN jwks_uri VARCHAR(2000);

-- RFC 9126 §6: a client with require_pushed_authorization_requests may start an authorization only with a
-- request_uri from the pushed authorization request endpoint. The pushed requests themselves are not stored: the
-- request_uri carries them sealed, and their single use is a row of used_authorization_requests (V9).
ALTER TABLE clients ADD COLUMN require_pushed_requests BOOLEAN DEFAULT FALSE NOT NULL;
