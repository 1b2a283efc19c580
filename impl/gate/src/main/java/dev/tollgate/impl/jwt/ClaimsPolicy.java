package dev.tollgate.impl.jwt;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The claims half of the validation policy, run by Nimbus after the signature has been verified. Each refusal is a
 * distinct {@link ClaimsRejectedException} subclass.
 *
 * <p>Order: required claims, then issuer and audience, then time. A token from the wrong issuer is reported as such
 * even when it has also expired, because refreshing it would not help the client.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1">RFC 7519 §4.1</a>
 */
public final class ClaimsPolicy implements JWTClaimsSetVerifier<SecurityContext> {

    private final Optional<String> issuer;
    private final Set<String> audiences;
    private final Duration clockSkew;
    private final Clock clock;

    public ClaimsPolicy(Optional<String> issuer, Set<String> audiences, Duration clockSkew, Clock clock) {
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws ClaimsRejectedException {
        // sub (REQUIRED, RFC 9068 §2.2): the gate's caller is always somebody.
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new ClaimsRejectedException.MissingClaim("sub");
        }
        // exp (REQUIRED, RFC 9068 §2.2): a token that never expires is not accepted.
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw new ClaimsRejectedException.MissingClaim("exp");
        }
        // iss (REQUIRED, RFC 9068 §4): MUST exactly match the issuer we trust.
        if (issuer.isPresent() && !issuer.get().equals(claims.getIssuer())) {
            throw new ClaimsRejectedException.WrongIssuer();
        }
        // aud (REQUIRED, RFC 9068 §4): MUST contain one of our identifiers.
        if (!audiences.isEmpty()) {
            List<String> audience = claims.getAudience();
            boolean forUs = audience != null && audience.stream().anyMatch(audiences::contains);
            if (!forUs) {
                throw new ClaimsRejectedException.WrongAudience();
            }
        }
        Instant now = clock.instant();
        // exp: "on or after which the JWT MUST NOT be accepted" (RFC 7519 §4.1.4), give or take the skew.
        if (!now.isBefore(expiry.toInstant().plus(clockSkew))) {
            throw new ClaimsRejectedException.Expired();
        }
        Instant latest = now.plus(clockSkew);
        // nbf: "before which the JWT MUST NOT be accepted" (RFC 7519 §4.1.5).
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && latest.isBefore(notBefore.toInstant())) {
            throw new ClaimsRejectedException.NotYetValid("nbf");
        }
        // iat: a token issued in the future comes from a broken clock or a forger.
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && latest.isBefore(issuedAt.toInstant())) {
            throw new ClaimsRejectedException.NotYetValid("iat");
        }
    }
}
