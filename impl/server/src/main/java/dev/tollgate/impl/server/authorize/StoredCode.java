package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.ClientId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorization code as stored: everything but the code itself, which only its holder knows.
 *
 * @param dpopJkt the authorization request's {@code dpop_jkt} (RFC 9449 §10): the redemption must prove that key
 */
public record StoredCode(SecretHash codeHash, String familyId, ClientId clientId, String subject, String redirectUri,
                         boolean redirectUriRequired, Scopes scope, String codeChallenge, Optional<String> nonce,
                         Instant authTime, Instant issuedAt, Instant expiresAt, Optional<Instant> usedAt,
                         Optional<String> dpopJkt) {

    /** Without {@code dpop_jkt}. */
    public StoredCode(SecretHash codeHash, String familyId, ClientId clientId, String subject, String redirectUri,
                      boolean redirectUriRequired, Scopes scope, String codeChallenge, Optional<String> nonce,
                      Instant authTime, Instant issuedAt, Instant expiresAt, Optional<Instant> usedAt) {
        this(codeHash, familyId, clientId, subject, redirectUri, redirectUriRequired, scope, codeChallenge, nonce,
                authTime, issuedAt, expiresAt, usedAt, Optional.empty());
    }

    public StoredCode {
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(usedAt, "usedAt");
        Objects.requireNonNull(dpopJkt, "dpopJkt");
    }
}
