package dev.tollgate.impl.server.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.server.audit.AuditEventType;
import dev.tollgate.impl.server.audit.AuditTrail;
import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The token-signing keys, kept in the {@code signing_keys} table so that every node signs and verifies alike.
 *
 * <p><b>Schedule.</b> On first start, generation 1 is generated and signs at once. When the signing key has signed
 * for {@code rotation-period} less {@code publish-ahead}, whichever node looks first inserts the next generation,
 * which starts signing {@code publish-ahead} later; the unique generation number makes a second node's concurrent
 * insert fail, and that node simply re-reads. A key is thus in the JWKS before it signs, and stays in it until
 * {@code max-token-lifetime} after it stopped signing, so every token it signed can still be verified.
 *
 * <p><b>Caching.</b> Each node keeps the keys in memory and re-reads them every {@code refresh-interval}, lazily on
 * the next call (no thread of its own, so it runs in any container). The private keys of the current and of the
 * waiting successor are decrypted on each read, so the switch to the successor needs no database. When a re-read
 * fails, the node keeps what it has and tries again within 30 seconds.
 *
 * <p><b>Storage.</b> Private keys are stored sealed under the {@link KeyEncryptionKey} (AES-256-GCM, the key id as
 * associated data). Nothing is lost on restart: a new instance over the same database and key-encryption key
 * finds the same keys.
 *
 * <p>Thread-safe.
 */
public final class SigningKeyStore {

    private static final Logger LOG = Logger.getLogger(SigningKeyStore.class.getName());
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    private static final String COLUMNS = "kid, generation, algorithm, public_jwk, private_jwk_encrypted, created_at,"
            + " active_from, retired_at";

    private final DataSource dataSource;
    private final KeySettings settings;
    private final KeyEncryptionKey encryptionKey;
    private final Clock clock;
    private final Object refreshLock = new Object();
    private volatile Snapshot snapshot;
    private final AuditTrail audit;

    public SigningKeyStore(DataSource dataSource, KeySettings settings, KeyEncryptionKey encryptionKey, Clock clock) {
        this(dataSource, settings, encryptionKey, clock, AuditTrail.off());
    }

    /** @param audit records {@code signing-key.rotated} for each key generation this node creates */
    public SigningKeyStore(DataSource dataSource, KeySettings settings, KeyEncryptionKey encryptionKey, Clock clock,
                           AuditTrail audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.encryptionKey = Objects.requireNonNull(encryptionKey, "encryptionKey");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Loads the keys (generating the first, or rotating, when due) and checks that they can be decrypted. Call at
     * start-up, so that a wrong key-encryption key fails the deployment rather than the first token request.
     *
     * @throws ConfigurationException when a stored private key cannot be decrypted with the configured key
     * @throws StoreException         when the database cannot be used
     */
    public void initialize() {
        synchronized (refreshLock) {
            snapshot = load(clock.instant());
        }
        Snapshot loaded = snapshot;
        LOG.info(() -> "Signing keys loaded: " + loaded.keys().size() + " published, signing with "
                + loaded.signingKeyAt(clock.instant()).getKeyID() + " (" + settings.algorithm() + " for new keys)");
    }

    /** Re-reads the keys now, rotating if due. */
    public void refresh() {
        synchronized (refreshLock) {
            snapshot = load(clock.instant());
        }
    }

    /** The private JWK to sign with now; its {@code kid} and {@code alg} go into the JWS header. */
    public JWK signingKey() {
        return current().signingKeyAt(clock.instant());
    }

    /** The public keys to publish at the JWKS endpoint: the signing key, its waiting successor, and recent ones. */
    public JWKSet publicKeys() {
        return current().publicKeys();
    }

    /** The published keys with their schedule, oldest generation first. */
    public List<SigningKey> keys() {
        return current().keys();
    }

    private Snapshot current() {
        Snapshot cached = snapshot;
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.refreshAfter())) {
            return cached;
        }
        synchronized (refreshLock) {
            cached = snapshot;
            if (cached != null && now.isBefore(cached.refreshAfter())) {
                return cached;
            }
            try {
                snapshot = load(now);
            } catch (RuntimeException e) {
                if (cached == null) {
                    throw e;
                }
                LOG.log(Level.WARNING, "Could not re-read the signing keys; keeping the ones in memory and retrying in "
                        + RETRY_AFTER_FAILURE.toSeconds() + " s", e);
                snapshot = cached.retryAt(now.plus(RETRY_AFTER_FAILURE));
            }
            return snapshot;
        }
    }

    private Snapshot load(Instant now) {
        rotateIfDue(now);
        List<StoredKey> stored = readAll();
        List<SigningKey> published = new ArrayList<>();
        List<SigningKey> schedule = new ArrayList<>();
        List<JWK> usable = new ArrayList<>();
        for (StoredKey key : stored) {
            SigningKey info = key.info();
            boolean stillVerifies = info.retiredAt()
                    .map(retired -> now.isBefore(retired.plus(settings.maxTokenLifetime()))).orElse(true);
            if (stillVerifies) {
                published.add(info);
            }
            if (info.usableAt(now)) {
                schedule.add(info);
                usable.add(decrypt(key));
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalStateException("no usable signing key after rotation; the signing_keys table is "
                    + "inconsistent");
        }
        return Snapshot.of(List.copyOf(published), List.copyOf(schedule), List.copyOf(usable),
                now.plus(settings.refreshInterval()));
    }

    private JWK decrypt(StoredKey key) {
        String kid = key.info().kid();
        byte[] json = null;
        try {
            json = encryptionKey.open(key.sealedPrivateJwk(), kid);
            JWK jwk = JWK.parse(new String(json, StandardCharsets.UTF_8));
            if (!jwk.isPrivate() || !kid.equals(jwk.computeThumbprint().toString())) {
                throw new IllegalStateException("signing key " + kid + " does not decrypt to its own private key");
            }
            return jwk;
        } catch (KeyDecryptionException e) {
            throw new ConfigurationException(KeyEncryptionKeys.KEY, "cannot decrypt signing key " + kid + ": "
                    + e.getMessage() + ". Every node must use the same key-encryption key.");
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("signing key " + kid + " is not a valid JWK", e);
        } finally {
            if (json != null) {
                Arrays.fill(json, (byte) 0);
            }
        }
    }

    /** Inserts the next generation when the newest key is due for replacement (or there is none). */
    private void rotateIfDue(Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<StoredKey> newest = readNewest(connection);
            Instant activeFrom;
            long generation;
            if (newest.isEmpty()) {
                activeFrom = now;
                generation = 1;
            } else {
                SigningKey latest = newest.get().info();
                boolean algorithmChanged = latest.algorithm() != settings.algorithm();
                Instant replaceFrom = latest.activeFrom().plus(settings.rotationPeriod());
                if (!algorithmChanged && now.isBefore(replaceFrom.minus(settings.publishAhead()))) {
                    return;
                }
                Instant earliest = now.plus(settings.publishAhead());
                activeFrom = algorithmChanged || replaceFrom.isBefore(earliest) ? earliest : replaceFrom;
                generation = latest.generation() + 1;
            }
            insert(connection, generation, now, activeFrom, newest.map(StoredKey::info));
        } catch (SQLException e) {
            throw new StoreException("rotate signing keys", e);
        }
    }

    private void insert(Connection connection, long generation, Instant now, Instant activeFrom,
                        Optional<SigningKey> predecessor) throws SQLException {
        JWK jwk = settings.algorithm().generate();
        String kid = jwk.getKeyID();
        byte[] privateJson = jwk.toJSONString().getBytes(StandardCharsets.UTF_8);
        String sealed;
        try {
            sealed = encryptionKey.seal(privateJson, kid);
        } finally {
            Arrays.fill(privateJson, (byte) 0);
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO signing_keys (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
                insert.setString(1, kid);
                insert.setLong(2, generation);
                insert.setString(3, settings.algorithm().name());
                insert.setString(4, jwk.toPublicJWK().toJSONString());
                insert.setString(5, sealed);
                Sql.setInstant(insert, 6, now);
                Sql.setInstant(insert, 7, activeFrom);
                insert.executeUpdate();
            }
            if (predecessor.isPresent()) {
                try (PreparedStatement retire = connection.prepareStatement(
                        "UPDATE signing_keys SET retired_at = ? WHERE kid = ?")) {
                    Sql.setInstant(retire, 1, activeFrom);
                    retire.setString(2, predecessor.get().kid());
                    retire.executeUpdate();
                }
            }
            connection.commit();
            audit.success(AuditEventType.SIGNING_KEY_ROTATED).byServer().detail("kid", kid).detail("generation", generation)
                    .detail("algorithm", settings.algorithm().name()).detail("active_from", activeFrom.toString())
                    .detail("replaces", predecessor.map(SigningKey::kid).orElse(null)).record();
            LOG.info(() -> "Generated signing key " + kid + " (" + settings.algorithm() + ", generation " + generation
                    + "), signing from " + activeFrom.truncatedTo(ChronoUnit.SECONDS)
                    + predecessor.map(p -> "; it replaces " + p.kid()).orElse(""));
        } catch (SQLException e) {
            Sql.rollbackQuietly(connection, e);
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            // Another node inserted this generation first: theirs is the one, and the next read finds it.
            LOG.fine(() -> "Signing key generation " + generation + " was created by another node");
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private Optional<StoredKey> readNewest(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM signing_keys ORDER BY generation DESC FETCH FIRST 1 ROWS ONLY");
             ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(map(rows)) : Optional.empty();
        }
    }

    private List<StoredKey> readAll() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                     + " FROM signing_keys ORDER BY generation");
             ResultSet rows = select.executeQuery()) {
            List<StoredKey> keys = new ArrayList<>();
            while (rows.next()) {
                keys.add(map(rows));
            }
            return keys;
        } catch (SQLException e) {
            throw new StoreException("read signing keys", e);
        }
    }

    private static StoredKey map(ResultSet rows) throws SQLException {
        String kid = rows.getString("kid");
        String algorithmName = rows.getString("algorithm");
        SigningAlgorithm algorithm = SigningAlgorithm.parse(algorithmName).orElseThrow(() ->
                new IllegalStateException("signing key " + kid + " has an unknown algorithm " + algorithmName));
        JWK publicJwk;
        try {
            publicJwk = JWK.parse(rows.getString("public_jwk"));
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + kid + " has an invalid public JWK", e);
        }
        SigningKey info = new SigningKey(kid, rows.getLong("generation"), algorithm, publicJwk,
                Sql.getInstant(rows, "created_at"), Sql.getInstant(rows, "active_from"),
                Sql.getOptionalInstant(rows, "retired_at"));
        return new StoredKey(info, rows.getString("private_jwk_encrypted"));
    }

    private record StoredKey(SigningKey info, String sealedPrivateJwk) {
    }

    /**
     * What one read found.
     *
     * @param keys     published keys, oldest generation first
     * @param schedule the not-yet-retired keys (current, and a waiting successor), matching {@code usable}
     * @param usable   their decrypted private JWKs
     * @param published the public JWK set of {@code keys}, newest generation first: built once per read, because
     *     the gate in front of this server's own APIs asks for it on every token it has not seen
     */
    private record Snapshot(List<SigningKey> keys, List<SigningKey> schedule, List<JWK> usable, Instant refreshAfter,
                            JWKSet published) {

        static Snapshot of(List<SigningKey> keys, List<SigningKey> schedule, List<JWK> usable, Instant refreshAfter) {
            return new Snapshot(keys, schedule, usable, refreshAfter,
                    new JWKSet(keys.stream().sorted(Comparator.comparingLong(SigningKey::generation).reversed())
                            .map(SigningKey::publicJwk).toList()));
        }

        JWK signingKeyAt(Instant now) {
            JWK chosen = null;
            for (int i = 0; i < schedule.size(); i++) {
                if (!now.isBefore(schedule.get(i).activeFrom())) {
                    chosen = usable.get(i);
                }
            }
            if (chosen == null) {
                // Only a successor that is not yet due: the clock went backwards. Sign with the oldest usable key.
                chosen = usable.get(0);
            }
            return chosen;
        }

        JWKSet publicKeys() {
            return published;
        }

        Snapshot retryAt(Instant when) {
            return new Snapshot(keys, schedule, usable, when, published);
        }
    }
}
