package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.secret.SecretHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues authorization codes (RFC 6749 §4.1.2): 256 random bits, stored only as their SHA-256, bound to the
 * client, the redirect URI and the PKCE challenge, valid for {@code tollgate.server.authorization-code-lifetime}.
 */
public final class AuthorizationCodes {

    private final AuthorizationCodeStore store;
    private final SecretGenerator generator;
    private final Duration lifetime;
    private final Clock clock;

    public AuthorizationCodes(AuthorizationCodeStore store, SecretGenerator generator, Duration lifetime,
                              Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param subject  the logged-in user's subject (normalized email)
     * @param authTime when the user logged in
     * @return the code, to send to the client once; only its hash is kept
     */
    public String issue(AuthorizationRequest request, String subject, Instant authTime) {
        String code = generator.token();
        Instant now = clock.instant();
        store.insert(new StoredCode(SecretHash.of(code), generator.token(), request.clientId(), subject,
                request.redirectUri(), request.redirectUriSent(), request.scope(), request.codeChallenge(),
                request.nonce(), authTime, now, now.plus(lifetime), Optional.empty(), request.dpopJkt()));
        return code;
    }
}
