package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.api.spi.PlainCredentialVerifier;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.testing.TestClock;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.throttle.AccountLockout;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
import dev.tollgate.impl.verification.VerificationResult.Success;
import dev.tollgate.impl.verification.VerificationResult.Throttled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlainHeaderAuthenticatorTest {

    /** Knows one account, alice@example.com / correct horse; slow, like a real password hash, and counts calls. */
    static final class SlowVerifier implements PlainCredentialVerifier {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Optional<Caller> verify(String email, char[] password) {
            calls.incrementAndGet();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (email.equalsIgnoreCase("alice@example.com") && "correct horse".equals(new String(password))) {
                return Optional.of(Caller.of("alice@example.com", null, Set.of(), Set.of("user"),
                        CredentialKind.PLAIN_HEADERS, null));
            }
            return Optional.empty();
        }
    }

    /** Where the test requests come from (TEST-NET-1, RFC 5737). */
    static final String ADDRESS = "192.0.2.1";

    final TestClock clock = TestClock.now();
    final SlowVerifier store = new SlowVerifier();
    /** Subjects whose accounts the revocation checker refuses (disabled since their credentials were cached). */
    final Set<String> disabled = ConcurrentHashMap.newKeySet();
    final RevocationChecker accounts = (tokenId, caller) -> disabled.contains(caller.subject());

    PlainHeaderAuthenticator authenticator(String... keys) {
        GateConfig config = TestConfigs.gate(keys);
        return new PlainHeaderAuthenticator(config.plainHeaders(), config.tokenCacheSize(),
                () -> Optional.of(store), () -> Optional.of(accounts), clock);
    }

    @Test
    void validCredentialsGiveTheVerifiersCaller() {
        Success success = assertInstanceOf(Success.class,
                authenticator().verify("alice@example.com", "correct horse", ADDRESS));

        assertEquals("alice@example.com", success.caller().subject());
        assertEquals(Set.of("user"), success.caller().roles());
    }

    @Test
    void wrongPasswordIsInvalidCredentials() {
        Failure failure = assertInstanceOf(Failure.class,
                authenticator().verify("alice@example.com", "wrong", ADDRESS));

        assertEquals(ProblemType.INVALID_CREDENTIALS, failure.problem());
    }

    @Test
    void slowVerifierIsCalledOnceForRepeatedRequests() {
        PlainHeaderAuthenticator authenticator = authenticator();

        for (int i = 0; i < 20; i++) {
            assertInstanceOf(Success.class, authenticator.verify("alice@example.com", "correct horse", ADDRESS));
        }

        assertEquals(1, store.calls.get());
    }

    @Test
    void cachedCredentialsOfAnAccountDisabledSinceAreRefused() {
        PlainHeaderAuthenticator authenticator = authenticator();
        assertInstanceOf(Success.class, authenticator.verify("alice@example.com", "correct horse", ADDRESS));

        disabled.add("alice@example.com");

        assertEquals(ProblemType.INVALID_CREDENTIALS, assertInstanceOf(Failure.class,
                authenticator.verify("alice@example.com", "correct horse", ADDRESS)).problem());
        assertEquals(1, store.calls.get(), "refused from the cache, without a password check");
    }

    @Test
    void failingRevocationCheckerMakesACachedCheckUnavailable() {
        GateConfig config = TestConfigs.gate();
        PlainHeaderAuthenticator authenticator = new PlainHeaderAuthenticator(config.plainHeaders(), 100,
                () -> Optional.of(store), () -> Optional.of((tokenId, caller) -> {
                    throw new IllegalStateException("database down");
                }), clock);
        assertInstanceOf(Success.class, authenticator.verify("alice@example.com", "correct horse", ADDRESS));

        assertInstanceOf(VerificationResult.Unavailable.class,
                authenticator.verify("alice@example.com", "correct horse", ADDRESS));
    }

    @Test
    void cachedCheckExpiresAfterTheCacheTtl() {
        PlainHeaderAuthenticator authenticator = authenticator("plain-headers.cache-ttl", "60s");
        authenticator.verify("alice@example.com", "correct horse", ADDRESS);

        clock.advance(Duration.ofSeconds(61));
        authenticator.verify("alice@example.com", "correct horse", ADDRESS);

        assertEquals(2, store.calls.get());
    }

    @Test
    void anotherPasswordIsNotServedFromTheCache() {
        PlainHeaderAuthenticator authenticator = authenticator();
        authenticator.verify("alice@example.com", "correct horse", ADDRESS);

        assertInstanceOf(Failure.class, authenticator.verify("alice@example.com", "correct horse ", ADDRESS));
        assertEquals(2, store.calls.get());
    }

    @Test
    void zeroCacheTtlChecksEveryRequest() {
        PlainHeaderAuthenticator authenticator = authenticator("plain-headers.cache-ttl", "0s");

        authenticator.verify("alice@example.com", "correct horse", ADDRESS);
        authenticator.verify("alice@example.com", "correct horse", ADDRESS);

        assertEquals(2, store.calls.get());
    }

    @Test
    void accountIsLockedAfterMaxFailuresWithRetryAfter() {
        PlainHeaderAuthenticator authenticator = authenticator("plain-headers.max-failures", "3",
                "plain-headers.lockout", "60s");
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Failure.class, authenticator.verify("alice@example.com", "guess-" + i, ADDRESS));
        }

        Throttled throttled = assertInstanceOf(Throttled.class,
                authenticator.verify("alice@example.com", "correct horse", ADDRESS));

        assertEquals(60, throttled.retryAfterSeconds());
        assertEquals(3, store.calls.get(), "a locked account's password is not checked");
    }

    @Test
    void cachedCredentialsAreRefusedWhileTheAccountIsLocked() {
        PlainHeaderAuthenticator authenticator = authenticator("plain-headers.max-failures", "3");
        assertInstanceOf(Success.class, authenticator.verify("alice@example.com", "correct horse", ADDRESS));
        for (int i = 0; i < 3; i++) {
            authenticator.verify("alice@example.com", "guess-" + i, ADDRESS);
        }

        assertInstanceOf(Throttled.class, authenticator.verify("alice@example.com", "correct horse", ADDRESS));
    }

    @Test
    void lockoutAppliesToTheEmailCaseInsensitively() {
        PlainHeaderAuthenticator authenticator = authenticator("plain-headers.max-failures", "2");
        authenticator.verify("Alice@Example.com", "x", ADDRESS);
        authenticator.verify("ALICE@example.COM", "y", ADDRESS);

        assertInstanceOf(Throttled.class, authenticator.verify("alice@example.com", "correct horse", ADDRESS));
    }

    @Test
    void lockoutFromOneAddressDoesNotLockTheOwnerOutElsewhere() {
        PlainHeaderAuthenticator authenticator = authenticator("plain-headers.max-failures", "2");
        authenticator.verify("alice@example.com", "x", "198.51.100.7");
        authenticator.verify("alice@example.com", "y", "198.51.100.7");

        assertInstanceOf(Throttled.class, authenticator.verify("alice@example.com", "correct horse", "198.51.100.7"));
        assertInstanceOf(Success.class, authenticator.verify("alice@example.com", "correct horse", ADDRESS));
    }

    @Test
    void failuresFromManyAddressesLockTheAccountForEveryone() {
        PlainHeaderAuthenticator authenticator = authenticator("plain-headers.max-failures", "2",
                "plain-headers.max-account-failures", "4");
        for (int i = 0; i < 4; i++) {
            authenticator.verify("alice@example.com", "guess", "198.51.100." + i);
        }

        assertInstanceOf(Throttled.class, authenticator.verify("alice@example.com", "correct horse", ADDRESS));
    }

    @Test
    void lockoutDoesNotTouchOtherAccounts() {
        PlainHeaderAuthenticator authenticator = authenticator("plain-headers.max-failures", "1");
        authenticator.verify("mallory@example.com", "x", ADDRESS);

        assertInstanceOf(Success.class, authenticator.verify("alice@example.com", "correct horse", ADDRESS));
    }

    @Test
    void lockoutEndsAfterTheLockoutPeriod() {
        PlainHeaderAuthenticator authenticator = authenticator("plain-headers.max-failures", "1",
                "plain-headers.lockout", "30s");
        authenticator.verify("alice@example.com", "x", ADDRESS);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(20, assertInstanceOf(Throttled.class, authenticator.verify("alice@example.com", "y", ADDRESS))
                .retryAfterSeconds());

        clock.advance(Duration.ofSeconds(21));

        assertInstanceOf(Success.class, authenticator.verify("alice@example.com", "correct horse", ADDRESS));
    }

    @Test
    void successResetsTheFailureCount() {
        PlainHeaderAuthenticator authenticator = authenticator("plain-headers.max-failures", "3",
                "plain-headers.cache-ttl", "0s");
        authenticator.verify("alice@example.com", "x", ADDRESS);
        authenticator.verify("alice@example.com", "y", ADDRESS);
        authenticator.verify("alice@example.com", "correct horse", ADDRESS);
        authenticator.verify("alice@example.com", "x", ADDRESS);
        authenticator.verify("alice@example.com", "y", ADDRESS);

        assertInstanceOf(Success.class, authenticator.verify("alice@example.com", "correct horse", ADDRESS));
    }

    @Test
    void parallelGuessesGetAtMostMaxFailuresPasswordChecks() throws Exception {
        PlainHeaderAuthenticator authenticator = authenticator("plain-headers.max-failures", "5");
        AtomicInteger throttled = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 5; i++) {
                        if (authenticator.verify("alice@example.com", "guess-" + thread + "-" + i, ADDRESS)
                                instanceof Throttled) {
                            throttled.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(5, store.calls.get(), "password checks");
        assertEquals(60 - 5, throttled.get());
        assertInstanceOf(Throttled.class, authenticator.verify("alice@example.com", "correct horse", ADDRESS));
        assertEquals(5, store.calls.get());
    }

    @Test
    void aSharedLockoutCountsTheFailuresOfTheApplicationsOtherPaths() {
        AccountLockout shared = AccountLockout.inMemory(2, 50, Duration.ofSeconds(60), clock);
        GateConfig config = TestConfigs.gate("plain-headers.max-failures", "1000");
        PlainHeaderAuthenticator authenticator = new PlainHeaderAuthenticator(config.plainHeaders(), 100,
                () -> Optional.of(store), Optional::empty, () -> Optional.of(shared), clock);
        for (int i = 0; i < 2; i++) {
            try (AccountLockout.Attempt loginPage = (AccountLockout.Attempt) shared.reserve("alice@example.com",
                    ADDRESS)) {
                loginPage.failed();
            }
        }

        assertEquals(60, assertInstanceOf(Throttled.class,
                authenticator.verify("alice@example.com", "correct horse", ADDRESS)).retryAfterSeconds());
        assertEquals(0, store.calls.get());
    }

    @Test
    void aFailingVerifierDoesNotCountTowardsTheLockout() {
        AccountLockout shared = AccountLockout.inMemory(1, 50, Duration.ofSeconds(60), clock);
        GateConfig config = TestConfigs.gate();
        PlainHeaderAuthenticator authenticator = new PlainHeaderAuthenticator(config.plainHeaders(), 100,
                () -> Optional.of((email, password) -> {
                    throw new IllegalStateException("database down");
                }), Optional::empty, () -> Optional.of(shared), clock);

        assertInstanceOf(VerificationResult.Unavailable.class, authenticator.verify("a@b", "p", ADDRESS));

        assertInstanceOf(AccountLockout.Attempt.class, shared.reserve("a@b", ADDRESS), "released, not counted");
    }

    @Test
    void aFailingLockoutMakesTheCheckUnavailableWithoutCheckingThePassword() {
        AccountLockout down = (account, address) -> {
            throw new IllegalStateException("the lockout's database is down");
        };
        GateConfig config = TestConfigs.gate();
        PlainHeaderAuthenticator authenticator = new PlainHeaderAuthenticator(config.plainHeaders(), 100,
                () -> Optional.of(store), Optional::empty, () -> Optional.of(down), clock);

        assertEquals(5, assertInstanceOf(VerificationResult.Unavailable.class,
                authenticator.verify("alice@example.com", "correct horse", ADDRESS)).retryAfterSeconds());
        assertEquals(0, store.calls.get(), "no password checked uncounted");
    }

    @Test
    void withoutAVerifierEveryRequestIsInvalidCredentials() {
        GateConfig config = TestConfigs.gate();
        PlainHeaderAuthenticator authenticator = new PlainHeaderAuthenticator(config.plainHeaders(), 100,
                Optional::empty, Optional::empty, clock);

        assertEquals(ProblemType.INVALID_CREDENTIALS, assertInstanceOf(Failure.class,
                authenticator.verify("alice@example.com", "correct horse", ADDRESS)).problem());
    }

    @Test
    void failingVerifierMakesTheCheckUnavailable() {
        GateConfig config = TestConfigs.gate();
        PlainHeaderAuthenticator authenticator = new PlainHeaderAuthenticator(config.plainHeaders(), 100,
                () -> Optional.of((email, password) -> {
                    throw new IllegalStateException("database down");
                }), Optional::empty, clock);

        assertInstanceOf(VerificationResult.Unavailable.class, authenticator.verify("a@b", "p", ADDRESS));
    }


    @Test
    void credentialCacheKeysDoNotContainThePassword() {
        CredentialCache cache = new CredentialCache(60_000, 10);
        String key = cache.key("alice@example.com", "correct horse");

        assertEquals(false, key.contains("correct") || key.contains("alice"));
        assertEquals(key, cache.key("alice@example.com", "correct horse"));
        assertEquals(false, key.equals(new CredentialCache(60_000, 10).key("alice@example.com", "correct horse")),
                "the HMAC key is random per cache");
    }
}
