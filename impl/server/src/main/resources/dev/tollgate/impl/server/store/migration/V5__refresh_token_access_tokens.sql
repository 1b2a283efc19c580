-- Tollgate authorization server, schema version 5: each refresh token remembers the access token issued with it.
-- Portable to H2 2.3 and PostgreSQL 15, with the conventions of V1.
--
-- RFC 7009 §2.1: revoking a refresh token SHOULD also invalidate the access tokens of the same grant. Access tokens
-- are not stored; a refresh token row records the jti and exp of the access token of the same token response, so
-- that revoking a family (revocation, reuse, a replayed code) puts the family's unexpired access tokens on the
-- deny-list (revoked_access_tokens), which every node reads within tollgate.server.revocation-cache. NULL for rows
-- from before V5.
ALTER TABLE refresh_tokens ADD COLUMN access_jti VARCHAR(255);
ALTER TABLE refresh_tokens ADD COLUMN access_expires_at TIMESTAMP WITH TIME ZONE;
