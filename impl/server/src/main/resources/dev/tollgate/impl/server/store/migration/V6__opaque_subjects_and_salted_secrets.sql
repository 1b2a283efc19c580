-- Tollgate authorization server, schema version 6: salted declared-client secrets and opaque user subjects.
-- Portable to H2 2.3 and PostgreSQL 15, with the conventions of V1.
--
-- 1. A declared client's secret is chosen by an operator, so it is stored as a salted PBKDF2
--    (pbkdf2-sha256$<iterations>$<salt>$<hash>, about 90 characters) instead of a bare SHA-256; the column grows.
--    Server-generated secrets (256 random bits) stay SHA-256. The server salts the declared rows at its next start
--    (it upserts every declaration), and recognises both forms meanwhile.
ALTER TABLE clients ALTER COLUMN secret_hash SET DATA TYPE VARCHAR(255);

-- 2. A user's tokens name the user by the user's id, no longer by the email (OpenID Connect Core 1.0 §2: a subject
-- is locally unique and never reassigned; an email changes, and in every token it tells each resource server who
-- the person is).
--
-- The rows that name a user by subject are rewritten from the normalized email to the id (the canonical lower-case
-- UUID text, as the server writes it), so that refresh tokens, remembered consents and pending authorization codes
-- keep working for the same user. A subject that names no user (a client acting for itself) is left as it is.
-- The server also reads an email subject as the user's login name (UserStore.findBySubject), so a row written by a
-- node that had not yet migrated still finds its user. clients.owner keeps the login name (see ClientOwners).

UPDATE refresh_tokens SET subject = (SELECT CAST(users.id AS VARCHAR(36)) FROM users
                                     WHERE users.email_normalized = refresh_tokens.subject)
WHERE subject IN (SELECT email_normalized FROM users);

UPDATE consents SET subject = (SELECT CAST(users.id AS VARCHAR(36)) FROM users
                               WHERE users.email_normalized = consents.subject)
WHERE subject IN (SELECT email_normalized FROM users);

UPDATE authorization_codes SET subject = (SELECT CAST(users.id AS VARCHAR(36)) FROM users
                                          WHERE users.email_normalized = authorization_codes.subject)
WHERE subject IN (SELECT email_normalized FROM users);
