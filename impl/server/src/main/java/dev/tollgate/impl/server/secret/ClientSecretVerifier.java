package dev.tollgate.impl.server.secret;

import dev.tollgate.impl.server.password.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a presented client secret against its {@link StoredSecret} (RFC 6749 §2.3.1).
 *
 * <ul>
 *   <li>A server-generated secret ({@link SecretHash}): one SHA-256, compared in constant time.</li>
 *   <li>A declared client's secret ({@link SaltedSecretHash}): one PBKDF2 at OWASP's 600,000 iterations, about
 *       0.2 to 0.5 s of one core. At every token request that would cap a declared client at a few requests per
 *       second per core, so a <b>successful</b> check is remembered. The entry is an HMAC, under a random key of
 *       this process, of the stored hash and the presented secret: the cache holds neither the secret nor an
 *       unsalted hash of it (a heap dump gives nothing to guess against), and a changed stored hash (a new
 *       declaration) matches no old entry. A failed check is never remembered, so every wrong guess costs a full
 *       PBKDF2, as a stolen row would. At most {@value #MAX_ENTRIES} entries (one per client and valid secret in
 *       use); when full, the cache is emptied.</li>
 * </ul>
 *
 * <p><b>A bounded pool for the PBKDF2.</b> A wrong secret for a declared client costs a whole PBKDF2 and needs no
 * credential at all, so a flood of wrong secrets could take every core. At most {@code kdfPermits} such checks run
 * at once (half the cores by default, at least one); a check that finds none free within
 * {@value #KDF_WAIT_MILLIS} ms throws {@link SecretCheckBusyException}, which the token, introspection and
 * revocation endpoints answer as {@code temporarily_unavailable}. Cached successes and server-generated secrets
 * never wait.
 *
 * <p>Thread-safe.
 */
public final class ClientSecretVerifier {

    static final int MAX_ENTRIES = 1024;
    static final long KDF_WAIT_MILLIS = 5_000;
    private static final String HMAC = "HmacSHA256";

    private final PasswordHasher hasher;
    private final SecretKeySpec cacheKey;
    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();
    private final Semaphore kdfPermits;
    private final long waitMillis;

    /** @param hasher verifies salted hashes (at the parameters each one records) */
    public ClientSecretVerifier(PasswordHasher hasher) {
        this(hasher, Math.max(1, Runtime.getRuntime().availableProcessors() / 2), KDF_WAIT_MILLIS);
    }

    /**
     * @param kdfPermits how many salted checks may run at once
     * @param waitMillis how long a salted check waits for a permit
     */
    ClientSecretVerifier(PasswordHasher hasher, int kdfPermits, long waitMillis) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.kdfPermits = new Semaphore(kdfPermits, true);
        this.waitMillis = waitMillis;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.cacheKey = new SecretKeySpec(key, HMAC);
    }

    /**
     * Whether {@code presented} is the secret that {@code stored} was made from.
     *
     * @throws SecretCheckBusyException when a salted check found no free permit in time
     */
    public boolean matches(StoredSecret stored, String presented) {
        Objects.requireNonNull(presented, "presented");
        if (stored instanceof SecretHash sha256) {
            return sha256.matches(presented);
        }
        SaltedSecretHash salted = (SaltedSecretHash) stored;
        String entry = cacheEntry(salted, presented);
        if (verified.containsKey(entry)) {
            return true;
        }
        boolean matches = withPermit(salted, presented);
        if (matches) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(entry, Boolean.TRUE);
        }
        return matches;
    }

    private boolean withPermit(SaltedSecretHash salted, String presented) {
        try {
            if (!kdfPermits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new SecretCheckBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretCheckBusyException();
        }
        try {
            return salted.matches(presented, hasher);
        } finally {
            kdfPermits.release();
        }
    }

    /** The permits of the salted checks, for tests. */
    Semaphore kdfPermits() {
        return kdfPermits;
    }

    /** Entries held now, for tests. */
    int cached() {
        return verified.size();
    }

    private String cacheEntry(SaltedSecretHash stored, String presented) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(cacheKey);
            mac.update(stored.stored().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] tag = mac.doFinal(presented.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is not available on this Java platform", e);
        }
    }
}
