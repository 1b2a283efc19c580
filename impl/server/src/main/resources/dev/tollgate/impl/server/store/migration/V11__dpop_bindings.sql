-- Tollgate authorization server, schema version 11: DPoP key bindings (RFC 9449). Portable to H2 2.3 and
-- PostgreSQL 15, with the conventions of V1.

-- A public client's refresh token is bound to the key of the DPoP proof it was issued with (RFC 9449 §5): its
-- refresh must present a proof of the same key. The JWK SHA-256 thumbprint (RFC 7638, base64url, 43 characters);
-- NULL for an unbound token (a confidential client's, or one issued without a proof).
ALTER TABLE refresh_tokens ADD COLUMN dpop_jkt VARCHAR(64);

-- The authorization request's dpop_jkt (RFC 9449 §10): the code's redemption must present a proof of that key.
ALTER TABLE authorization_codes ADD COLUMN dpop_jkt VARCHAR(64);

-- RFC 9449 §5.2 client metadata dpop_bound_access_tokens: the client's token requests must carry a proof.
ALTER TABLE clients ADD COLUMN dpop_bound_access_tokens BOOLEAN DEFAULT FALSE NOT NULL;
