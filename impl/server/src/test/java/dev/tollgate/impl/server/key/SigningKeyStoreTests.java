package dev.tollgate.impl.server.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.testing.LogCapture;
import dev.tollgate.impl.server.testing.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** {@link SigningKeyStore} on a real database; run on H2 and PostgreSQL by the subclasses. */
abstract class SigningKeyStoreTests extends DatabaseTest {

    private static final KeySettings ES256 = new KeySettings(SigningAlgorithm.ES256,
            KeySettings.defaults().rotationPeriod(), KeySettings.defaults().publishAhead(),
            KeySettings.defaults().maxTokenLifetime(), KeySettings.defaults().refreshInterval());
    private static final Duration DUE = ES256.rotationPeriod().minus(ES256.publishAhead());

    private final KeyEncryptionKey encryptionKey = KeyEncryptionKey.generate(new SecureRandom());
    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");

    @Test
    void initializeWhenDatabaseEmptyThenGeneratesOneEs256KeyThatSignsAtOnce() throws JOSEException {
        SigningKeyStore store = store(ES256, clock);

        store.initialize();

        JWK signing = store.signingKey();
        assertInstanceOf(ECKey.class, signing);
        assertTrue(signing.isPrivate());
        assertEquals(JWSAlgorithm.ES256, signing.getAlgorithm());
        assertEquals(KeyUse.SIGNATURE, signing.getKeyUse());
        assertEquals(signing.computeThumbprint().toString(), signing.getKeyID());
        assertEquals(List.of(signing.toPublicJWK()), store.publicKeys().getKeys());
        SigningKey info = store.keys().get(0);
        assertEquals(1, info.generation());
        assertEquals(clock.instant(), info.activeFrom());
        assertTrue(info.retiredAt().isEmpty());
    }

    @Test
    void publishedKeysNeverHoldPrivateParts() {
        SigningKeyStore store = store(ES256, clock);
        store.initialize();

        assertTrue(store.publicKeys().getKeys().stream().noneMatch(JWK::isPrivate));
        assertFalse(store.publicKeys().toString().contains("\"d\""));
    }

    @Test
    void privateKeyIsStoredOnlyEncrypted() throws SQLException {
        SigningKeyStore store = store(ES256, clock);
        store.initialize();
        String d = ((ECKey) store.signingKey()).getD().toString();

        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT public_jwk, private_jwk_encrypted FROM signing_keys");
             ResultSet rows = select.executeQuery()) {
            assertTrue(rows.next());
            assertFalse(rows.getString("public_jwk").contains(d));
            assertFalse(rows.getString("public_jwk").contains("\"d\""));
            assertTrue(rows.getString("private_jwk_encrypted").startsWith("A256GCM." + encryptionKey.fingerprint()));
            assertFalse(rows.getString("private_jwk_encrypted").contains(d));
        }
    }

    @Test
    void tokenSignedWithTheSigningKeyVerifiesWithThePublishedKey() throws JOSEException {
        SigningKeyStore store = store(ES256, clock);
        store.initialize();

        JWSObject token = sign(store.signingKey());

        JWK published = store.publicKeys().getKeyByKeyId(token.getHeader().getKeyID());
        assertTrue(token.verify(new ECDSAVerifier(published.toECKey())));
    }

    @Test
    void restartOverTheSameDatabaseLoadsTheSameKey() {
        SigningKeyStore before = store(ES256, clock);
        before.initialize();
        clock.advance(Duration.ofDays(3));

        SigningKeyStore after = store(ES256, clock);
        after.initialize();

        assertEquals(before.signingKey(), after.signingKey());
        assertEquals(before.publicKeys().getKeys(), after.publicKeys().getKeys());
        assertEquals(1, after.keys().size());
    }

    @Test
    void restartWithAnotherEncryptionKeyFailsNamingTheKeyWithoutRevealingIt() {
        store(ES256, clock).initialize();
        KeyEncryptionKey other = KeyEncryptionKey.generate(new SecureRandom());

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new SigningKeyStore(dataSource(), ES256, other, clock).initialize());

        assertEquals(KeyEncryptionKeys.KEY, e.key());
        assertTrue(e.getMessage().contains(encryptionKey.fingerprint()));
        assertFalse(e.getMessage().contains(encryptionKey.encode()));
        assertFalse(e.getMessage().contains(other.encode()));
    }

    @Test
    void rotationPublishesTheSuccessorBeforeItSigns() throws JOSEException {
        SigningKeyStore store = store(ES256, clock);
        store.initialize();
        JWK first = store.signingKey();

        clock.advance(DUE.minusSeconds(1));
        store.refresh();
        assertEquals(1, store.keys().size(), "not due yet");

        clock.advance(Duration.ofSeconds(1));
        store.refresh();
        List<SigningKey> keys = store.keys();
        assertEquals(2, keys.size());
        SigningKey successor = keys.get(1);
        assertEquals(2, successor.generation());
        assertEquals(clock.instant().plus(ES256.publishAhead()), successor.activeFrom());
        assertEquals(successor.activeFrom(), keys.get(0).retiredAt().orElseThrow());
        assertEquals(first, store.signingKey(), "the successor is published but does not sign yet");
        assertTrue(store.publicKeys().getKeyByKeyId(successor.kid()) != null);

        clock.advance(ES256.publishAhead());
        JWK second = store.signingKey();
        assertEquals(successor.kid(), second.getKeyID());
        assertTrue(sign(second).verify(new ECDSAVerifier(
                store.publicKeys().getKeyByKeyId(second.getKeyID()).toECKey())));
    }

    @Test
    void rotationKeepsTheOldPublicKeyUntilTheLongestTokenHasExpired() throws JOSEException {
        SigningKeyStore store = store(ES256, clock);
        store.initialize();
        JWK first = store.signingKey();
        JWSObject oldToken = sign(first);
        clock.advance(DUE);
        store.refresh();
        clock.advance(ES256.publishAhead());
        assertNotEquals(first.getKeyID(), store.signingKey().getKeyID());
        assertEquals(clock.instant(), store.keys().get(0).retiredAt().orElseThrow());

        clock.advance(ES256.maxTokenLifetime().minusSeconds(1));
        JWK stillPublished = store.publicKeys().getKeyByKeyId(first.getKeyID());
        assertTrue(oldToken.verify(new ECDSAVerifier(stillPublished.toECKey())));

        clock.advance(Duration.ofSeconds(1));
        store.refresh(); // otherwise at the next refresh interval: publishing a little longer is harmless
        assertEquals(null, store.publicKeys().getKeyByKeyId(first.getKeyID()));
        assertEquals(1, store.publicKeys().getKeys().size());
    }

    @Test
    void rotationWhenNobodyLookedDuringTheWindowStillPublishesAhead() {
        SigningKeyStore store = store(ES256, clock);
        store.initialize();
        JWK first = store.signingKey();

        clock.advance(ES256.rotationPeriod().plusDays(5));

        assertEquals(first, store.signingKey(), "a late successor is still published before it signs");
        SigningKey successor = store.keys().get(1);
        assertEquals(clock.instant().plus(ES256.publishAhead()), successor.activeFrom());
        clock.advance(ES256.publishAhead());
        assertEquals(successor.kid(), store.signingKey().getKeyID());
    }

    @Test
    void restartAfterRotationKeepsEveryPublishedKey() {
        SigningKeyStore before = store(ES256, clock);
        before.initialize();
        clock.advance(DUE);
        before.refresh();

        SigningKeyStore after = store(ES256, clock);
        after.initialize();

        assertEquals(before.keys(), after.keys());
        assertEquals(before.signingKey(), after.signingKey());
    }

    @Test
    void keysAreCachedAndRereadAfterTheRefreshInterval() {
        MutableClock otherNodeClock = new MutableClock(clock.instant());
        SigningKeyStore thisNode = store(ES256, clock);
        thisNode.initialize();
        SigningKeyStore otherNode = store(ES256, otherNodeClock);
        otherNodeClock.advance(DUE);
        otherNode.initialize(); // rotates: its clock says it is due

        clock.advance(ES256.refreshInterval().minusSeconds(1));
        assertEquals(1, thisNode.keys().size(), "cached");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, thisNode.keys().size(), "re-read");
    }

    @Test
    void twoNodesRotatingAtOnceCreateOneSuccessor() throws Exception {
        SigningKeyStore one = store(ES256, clock);
        SigningKeyStore two = store(ES256, clock);
        one.initialize();
        two.initialize();
        clock.advance(DUE);

        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> awaitThen(start, one::refresh));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> awaitThen(start, two::refresh));
        start.countDown();
        a.get();
        b.get();

        assertEquals(2, countRows());
        assertEquals(one.keys(), two.keys());
    }

    @Test
    void manyThreadsOnFourNodesRotatingTogetherMakeExactlyOneKeyPerRotation() throws Exception {
        List<SigningKeyStore> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(store(ES256, clock));
        }
        raceRefresh(nodes, 24, SigningKeyStore::initialize);
        assertEquals(List.of(1L), generations(), "the first start of four nodes at once");

        for (int rotation = 1; rotation <= 3; rotation++) {
            clock.advance(ES256.rotationPeriod());

            raceRefresh(nodes, 24, SigningKeyStore::refresh);

            List<Long> expected = new ArrayList<>();
            for (long generation = 1; generation <= rotation + 1; generation++) {
                expected.add(generation);
            }
            assertEquals(expected, generations(), "rotation " + rotation + ": one new generation, no error");
            for (SigningKeyStore node : nodes) {
                assertEquals(nodes.get(0).keys(), node.keys());
                assertEquals(nodes.get(0).signingKey(), node.signingKey());
            }
        }
    }

    /** {@code threads} threads, spread over the nodes, call {@code action} at once; any exception fails the test. */
    private static void raceRefresh(List<SigningKeyStore> nodes, int threads,
                                    java.util.function.Consumer<SigningKeyStore> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                SigningKeyStore node = nodes.get(i % nodes.size());
                done.add(pool.submit(() -> awaitThen(start, () -> action.accept(node))));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Long> generations() throws SQLException {
        List<Long> generations = new ArrayList<>();
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT generation FROM signing_keys ORDER BY generation");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                generations.add(rows.getLong(1));
            }
        }
        return generations;
    }

    @Test
    void algorithmChangeTakesEffectThroughARotation() throws JOSEException {
        store(ES256, clock).initialize();
        KeySettings rs256 = new KeySettings(SigningAlgorithm.RS256, ES256.rotationPeriod(), ES256.publishAhead(),
                ES256.maxTokenLifetime(), ES256.refreshInterval());
        SigningKeyStore store = store(rs256, clock);

        store.initialize();
        assertInstanceOf(ECKey.class, store.signingKey(), "the RSA key is published ahead first");
        assertEquals(2, store.publicKeys().getKeys().size());

        clock.advance(ES256.publishAhead());
        RSAKey rsa = assertInstanceOf(RSAKey.class, store.signingKey());
        assertEquals(2048, rsa.size());
        assertEquals(JWSAlgorithm.RS256, rsa.getAlgorithm());
        JWSObject token = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(),
                new Payload("{}"));
        token.sign(new RSASSASigner(rsa));
        assertTrue(token.verify(new RSASSAVerifier(store.publicKeys().getKeyByKeyId(rsa.getKeyID()).toRSAKey())));
    }

    @Test
    void whenTheDatabaseFailsThenTheCachedKeysKeepServing() {
        AtomicBoolean down = new AtomicBoolean();
        SigningKeyStore store = new SigningKeyStore(failing(dataSource(), down), ES256, encryptionKey, clock);
        store.initialize();
        JWK key = store.signingKey();

        down.set(true);
        clock.advance(ES256.refreshInterval().multipliedBy(3));
        try (LogCapture logs = new LogCapture()) {
            assertEquals(key, store.signingKey());
            assertEquals(1, store.publicKeys().getKeys().size());
            assertTrue(logs.has(Level.WARNING, "Could not re-read the signing keys"));
        }

        down.set(false);
        clock.advance(Duration.ofMinutes(1));
        assertEquals(key, store.signingKey());
    }

    @Test
    void initializeWhenTheDatabaseIsDownThenFails() {
        AtomicBoolean down = new AtomicBoolean(true);
        SigningKeyStore store = new SigningKeyStore(failing(dataSource(), down), ES256, encryptionKey, clock);

        assertThrows(RuntimeException.class, store::initialize);
        assertThrows(RuntimeException.class, store::signingKey);
    }

    private SigningKeyStore store(KeySettings settings, MutableClock clock) {
        return new SigningKeyStore(dataSource(), settings, encryptionKey, clock);
    }

    private static JWSObject sign(JWK key) throws JOSEException {
        JWSObject token = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), new Payload("{\"sub\":\"alice\"}"));
        token.sign(new ECDSASigner(key.toECKey()));
        return token;
    }

    private int countRows() throws SQLException {
        try (Connection connection = dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM signing_keys");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void awaitThen(CountDownLatch latch, Runnable action) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        action.run();
    }

    /** A DataSource whose getConnection fails while {@code down} is set. */
    private static DataSource failing(DataSource real, AtomicBoolean down) {
        return (DataSource) Proxy.newProxyInstance(SigningKeyStoreTests.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && down.get()) {
                        throw new SQLException("connection refused (test)", "08001");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
