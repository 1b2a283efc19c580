package dev.tollgate.impl.server.authorize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.server.key.KeyDecryptionException;
import dev.tollgate.impl.server.key.KeyEncryptionKey;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The flow's state sealed into the browser: round trip, tampering, expiry, binding, keys. */
class FlowSealsTest {

    private static final Duration LOGIN_LIFETIME = Duration.ofMinutes(30);

    private final byte[] kekBytes = randomKey();
    private final KeyEncryptionKey kek = KeyEncryptionKey.of(kekBytes);
    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    private final FlowSeals seals = new FlowSeals(kek, LOGIN_LIFETIME, clock);
    private final String browser = seals.newBrowserBinding();

    private static AuthorizationRequest request(String state) {
        return new AuthorizationRequest(new ClientId("web"), AuthorizeFixtures.REDIRECT, true,
                Scopes.parse("openid profile").orElseThrow(), Optional.ofNullable(state), AuthorizeFixtures.CHALLENGE,
                Optional.of("n-0S6_WzA2Mj"));
    }

    @Test
    void pendingWhenSealedThenOpensToItsParametersOnAnyNodeWithTheSameKey() {
        AuthorizationRequest request = request("xyz");
        String handle = seals.sealPending(request, browser);

        FlowSeals otherNode = new FlowSeals(KeyEncryptionKey.of(kekBytes.clone()), LOGIN_LIFETIME, clock);
        FlowSeals.Pending pending = otherNode.openPending(handle, browser).orElseThrow();
        assertEquals(request.toParameters(), pending.parameters());
        assertEquals(clock.instant().plus(FlowSeals.PENDING_LIFETIME), pending.expiresAt());
        assertEquals(22, pending.id().length());
    }

    @Test
    void pendingWhenSealedThenNothingReadableAndEachSealDiffers() {
        String handle = seals.sealPending(request("secret-state-value"), browser);
        assertTrue(handle.startsWith("v1."), handle);
        assertFalse(new String(Base64.getUrlDecoder().decode(handle.substring(3)), StandardCharsets.ISO_8859_1)
                .contains("secret-state-value"));
        assertNotEquals(handle, seals.sealPending(request("secret-state-value"), browser));
        assertTrue(handle.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'),
                "URL- and form-safe as it is");
    }

    @Test
    void pendingWhenLongestStateAndNonceThenWithinTheOpenedLength() {
        AuthorizationRequest longest = new AuthorizationRequest(new ClientId("web"), AuthorizeFixtures.REDIRECT,
                true, Scopes.parse("openid profile").orElseThrow(), Optional.of("s".repeat(2000)),
                AuthorizeFixtures.CHALLENGE, Optional.of("n".repeat(2000)));
        String handle = seals.sealPending(longest, browser);
        assertTrue(handle.length() < FlowSeals.MAX_SEALED_LENGTH, "length " + handle.length());
        assertEquals(longest.toParameters(), seals.openPending(handle, browser).orElseThrow().parameters());
    }

    @Test
    void pendingWhenExpiredThenGone() {
        String handle = seals.sealPending(request("xyz"), browser);
        clock.advance(FlowSeals.PENDING_LIFETIME.minusSeconds(1));
        assertTrue(seals.openPending(handle, browser).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(seals.openPending(handle, browser).isEmpty());
    }

    @Test
    void pendingWhenOpenedInAnotherBrowserThenGone() {
        String handle = seals.sealPending(request("xyz"), browser);
        assertTrue(seals.openPending(handle, seals.newBrowserBinding()).isEmpty());
        assertTrue(seals.openPending(handle, null).isEmpty());
    }

    @Test
    void pendingWhenSealedUnderAnotherKeyThenGone() {
        FlowSeals otherCluster = new FlowSeals(KeyEncryptionKey.generate(new SecureRandom()), LOGIN_LIFETIME, clock);
        assertTrue(seals.openPending(otherCluster.sealPending(request("xyz"), browser), browser).isEmpty());
    }

    @Test
    void pendingWhenAnyByteAlteredThenGone() {
        String handle = seals.sealPending(request("xyz"), browser);
        byte[] whole = Base64.getUrlDecoder().decode(handle.substring(3));
        for (int i = 0; i < whole.length; i++) {
            byte[] altered = whole.clone();
            altered[i] ^= 0x01;
            String tampered = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertTrue(seals.openPending(tampered, browser).isEmpty(), "byte " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1.", "v1", "v2.AAAA", "v1.!!!!", "v1.AAAA",
            "v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..x.y.z", "v1.%00", "v1.a.b"})
    void pendingWhenNotASealedValueThenGoneWithoutException(String handle) {
        assertTrue(seals.openPending(handle, browser).isEmpty());
        assertTrue(seals.openLogin(handle, browser).isEmpty());
    }

    @Test
    void pendingWhenTruncatedOrTooLongThenGone() {
        String handle = seals.sealPending(request("xyz"), browser);
        assertTrue(seals.openPending(handle.substring(0, handle.length() - 1), browser).isEmpty());
        assertTrue(seals.openPending(handle + "A", browser).isEmpty());
        assertTrue(seals.openPending("v1." + "A".repeat(FlowSeals.MAX_SEALED_LENGTH), browser).isEmpty());
        assertTrue(seals.openPending(null, browser).isEmpty());
    }

    @Test
    void loginWhenSealedThenOpensWithItsSubjectAuthTimeAndExpiry() {
        FlowSeals.Login login = seals.newLogin("3f0c-subject");
        FlowSeals.Login opened = seals.openLogin(seals.sealLogin(login, browser), browser).orElseThrow();
        assertEquals(login, opened);
        assertEquals(clock.instant(), opened.authTime());
        assertEquals(clock.instant().plus(LOGIN_LIFETIME), opened.expiresAt());
        assertTrue(seals.isLive(opened));
        clock.advance(LOGIN_LIFETIME);
        assertFalse(seals.isLive(seals.openLogin(seals.sealLogin(login, browser), browser).orElseThrow()),
                "an expired login still opens (its CSRF id), but is not live");
    }

    @Test
    void loginWhenOtherBrowserOrAlteredThenGone() {
        String sealed = seals.sealLogin(seals.newLogin("subject"), browser);
        assertTrue(seals.openLogin(sealed, seals.newBrowserBinding()).isEmpty());
        assertTrue(seals.openLogin(sealed.substring(0, sealed.length() - 2) + "AA", browser).isEmpty());
    }

    @Test
    void loginWhenNewThenFreshIdEachTime() {
        assertNotEquals(seals.newLogin("subject").loginId(), seals.newLogin("subject").loginId());
    }

    @Test
    void sealedValueWhenPresentedForTheOtherPurposeThenGone() {
        String login = seals.sealLogin(seals.newLogin("subject"), browser);
        String pending = seals.sealPending(request("xyz"), browser);
        assertTrue(seals.openPending(login, browser).isEmpty(), "a login is not a pending request");
        assertTrue(seals.openLogin(pending, browser).isEmpty(), "a pending request is not a login");
    }

    @Test
    void csrfTokenWhenSameBrowserAndLoginThenMatchesElseNot() {
        String anonymous = seals.csrfToken(browser, "");
        assertEquals(43, anonymous.length());
        assertTrue(seals.csrfMatches(anonymous, browser, ""));
        assertEquals(anonymous, new FlowSeals(kek, LOGIN_LIFETIME, clock).csrfToken(browser, ""),
                "every node derives the same token");
        String loginId = seals.newLogin("subject").loginId();
        assertFalse(seals.csrfMatches(anonymous, browser, loginId), "a login changes the token");
        assertFalse(seals.csrfMatches(anonymous, seals.newBrowserBinding(), ""), "another browser's");
        assertFalse(seals.csrfMatches(null, browser, ""));
        assertFalse(seals.csrfMatches("", browser, ""));
        assertFalse(seals.csrfMatches(anonymous, null, ""));
        assertFalse(new FlowSeals(KeyEncryptionKey.generate(new SecureRandom()), LOGIN_LIFETIME, clock)
                .csrfMatches(anonymous, browser, ""), "another cluster's");
    }

    @Test
    void derivedKeysWhenLabelsDifferThenIndependentOfEachOtherAndOfTheKeyEncryptionKey() {
        byte[] seal = kek.derive(FlowSeals.SEAL_LABEL);
        byte[] csrf = kek.derive(FlowSeals.CSRF_LABEL);
        assertEquals(32, seal.length);
        assertArrayEquals(seal, kek.derive(FlowSeals.SEAL_LABEL), "deterministic: every node the same");
        assertFalse(Arrays.equals(seal, csrf));
        assertFalse(Arrays.equals(seal, kekBytes));
        assertFalse(Arrays.equals(seal,
                KeyEncryptionKey.generate(new SecureRandom()).derive(FlowSeals.SEAL_LABEL)));
    }

    @Test
    void sealedValuesWhenGivenToTheKeyEncryptionKeyThenNotOpenedAndViceVersa() {
        String pending = seals.sealPending(request("xyz"), browser);
        assertThrows(KeyDecryptionException.class, () -> kek.open(pending, "pending"));
        String signingKey = kek.seal("{\"d\":\"private\"}".getBytes(StandardCharsets.UTF_8), "kid");
        assertTrue(seals.openPending(signingKey, browser).isEmpty());
        assertTrue(seals.openLogin(signingKey, browser).isEmpty());
    }

    @Test
    void browserBindingWhenFreshThen43Base64UrlCharactersElseRefused() {
        assertTrue(FlowSeals.isBrowserBinding(browser));
        assertNotEquals(browser, seals.newBrowserBinding());
        for (String bad : List.of("", "short", "a".repeat(42), "a".repeat(44), "+".repeat(43), "=".repeat(43))) {
            assertFalse(FlowSeals.isBrowserBinding(bad), bad);
        }
        assertFalse(FlowSeals.isBrowserBinding(null));
    }

    @Test
    void toStringWhenPrintedThenNoKeyMaterial() {
        assertFalse(seals.toString().contains(Base64.getEncoder().encodeToString(kek.derive(FlowSeals.SEAL_LABEL))));
        assertFalse(seals.toString().contains(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(kek.derive(FlowSeals.SEAL_LABEL))));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[KeyEncryptionKey.BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
