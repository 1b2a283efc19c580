-- Tollgate authorization server, schema version 4: dynamic client registration (RFC 7591/7592), fast client
-- listings, and service-client secret rotation. Portable to H2 2.3 and PostgreSQL 15, with the conventions of V1.

-- The RFC 7591 metadata that the token and authorization endpoints do not need, kept as registered so that RFC 7592
-- reads give it back. NULL for declared clients (and for clients stored before V4).
ALTER TABLE clients ADD COLUMN token_endpoint_auth_method VARCHAR(32);   -- client_secret_basic | client_secret_post | none
ALTER TABLE clients ADD COLUMN response_types VARCHAR(255);              -- space-separated
ALTER TABLE clients ADD COLUMN client_uri VARCHAR(2000);
ALTER TABLE clients ADD COLUMN logo_uri VARCHAR(2000);
ALTER TABLE clients ADD COLUMN tos_uri VARCHAR(2000);
ALTER TABLE clients ADD COLUMN policy_uri VARCHAR(2000);
-- hex SHA-256 of the RFC 7592 registration access token (256 random bits); NULL: not manageable by RFC 7592.
ALTER TABLE clients ADD COLUMN registration_token_hash VARCHAR(64);
-- Secret rotation: the secret before the last rotation keeps working until previous_secret_expires_at.
ALTER TABLE clients ADD COLUMN previous_secret_hash VARCHAR(64);
ALTER TABLE clients ADD COLUMN previous_secret_expires_at TIMESTAMP WITH TIME ZONE;

-- Listings page in (created_at, client_id) order among the live (deleted_at IS NULL) clients, of one owner or of all.
-- deleted_at sits before the sort columns so that "deleted_at IS NULL" is an equality prefix: both engines then read
-- the index in order and stop after the page (and count from the index alone). V1's ix_clients_owner (owner,
-- created_at) is superseded by the first.
DROP INDEX ix_clients_owner;
CREATE INDEX ix_clients_owner_live ON clients (owner, deleted_at, created_at, client_id);
CREATE INDEX ix_clients_live ON clients (deleted_at, created_at, client_id);
-- Soft delete revokes the client's refresh tokens by client.
CREATE INDEX ix_refresh_tokens_client ON refresh_tokens (client_id);
