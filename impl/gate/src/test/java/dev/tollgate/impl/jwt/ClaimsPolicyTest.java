package dev.tollgate.impl.jwt;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tollgate.impl.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The claims policy's rules at their edges, each refusal as its own exception type. */
class ClaimsPolicyTest {

    final TestClock clock = new TestClock(Instant.parse("2026-01-01T12:00:00Z"));
    final Instant now = clock.instant();
    final ClaimsPolicy policy = new ClaimsPolicy(Optional.of("https://iss"), Set.of("api", "api2"),
            Duration.ofSeconds(30), clock);

    JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer("https://iss").audience("api").subject("alice")
                .expirationTime(Date.from(now.plusSeconds(60)));
    }

    void verify(JWTClaimsSet.Builder claims) throws ClaimsRejectedException {
        policy.verify(claims.build(), null);
    }

    @Test
    void validClaimsPass() {
        assertDoesNotThrow(() -> verify(claims()));
    }

    @Test
    void expiryAtNowMinusSkewIsExpired() {
        assertThrows(ClaimsRejectedException.Expired.class,
                () -> verify(claims().expirationTime(Date.from(now.minusSeconds(30)))));
    }

    @Test
    void expiryJustInsideTheSkewPasses() {
        assertDoesNotThrow(() -> verify(claims().expirationTime(Date.from(now.minusSeconds(29)))));
    }

    @Test
    void notBeforeJustInsideTheSkewPasses() {
        assertDoesNotThrow(() -> verify(claims().notBeforeTime(Date.from(now.plusSeconds(30)))));
    }

    @Test
    void notBeforeBeyondTheSkewIsNotYetValid() {
        assertThrows(ClaimsRejectedException.NotYetValid.class,
                () -> verify(claims().notBeforeTime(Date.from(now.plusSeconds(31)))));
    }

    @Test
    void issuedAtBeyondTheSkewIsNotYetValid() {
        assertThrows(ClaimsRejectedException.NotYetValid.class,
                () -> verify(claims().issueTime(Date.from(now.plusSeconds(31)))));
    }

    @Test
    void issuedInThePastPasses() {
        assertDoesNotThrow(() -> verify(claims().issueTime(Date.from(now.minusSeconds(3600)))));
    }

    @Test
    void missingExpIsAMissingClaim() {
        assertThrows(ClaimsRejectedException.MissingClaim.class, () -> verify(claims().expirationTime(null)));
    }

    @Test
    void missingSubIsAMissingClaim() {
        assertThrows(ClaimsRejectedException.MissingClaim.class, () -> verify(claims().subject(null)));
    }

    @Test
    void issuerComparisonIsExact() {
        assertThrows(ClaimsRejectedException.WrongIssuer.class, () -> verify(claims().issuer("https://iss/")));
        assertThrows(ClaimsRejectedException.WrongIssuer.class, () -> verify(claims().issuer("HTTPS://ISS")));
    }

    @Test
    void anyConfiguredAudienceIsEnough() {
        assertDoesNotThrow(() -> verify(claims().audience(List.of("x", "api2"))));
    }

    @Test
    void audienceComparisonIsExact() {
        assertThrows(ClaimsRejectedException.WrongAudience.class, () -> verify(claims().audience("API")));
    }

    @Test
    void withoutConfiguredIssuerAndAudienceAnyPass() {
        ClaimsPolicy open = new ClaimsPolicy(Optional.empty(), Set.of(), Duration.ZERO, clock);

        assertDoesNotThrow(() -> open.verify(claims().issuer(null).audience((String) null).build(), null));
    }

    @Test
    void zeroSkewIsExactAboutExpiry() {
        ClaimsPolicy strict = new ClaimsPolicy(Optional.empty(), Set.of(), Duration.ZERO, clock);

        assertThrows(ClaimsRejectedException.Expired.class,
                () -> strict.verify(claims().expirationTime(Date.from(now)).build(), null));
        assertDoesNotThrow(() -> strict.verify(claims().expirationTime(Date.from(now.plusMillis(1000))).build(),
                null));
    }
}
