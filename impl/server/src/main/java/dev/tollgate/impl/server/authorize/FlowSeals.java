package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.key.KeyEncryptionKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The state of the authorization flow that travels with the browser instead of living on a node: the pending
 * authorization request (a hidden field and query parameter of the login and consent pages), the login (a cookie),
 * and the CSRF token (derived from the browser's binding cookie). Any node that has the cluster's key-encryption key
 * ({@code tollgate.keys.encryption-key}) opens and checks what any other node made; nobody else can read, forge or
 * alter it.
 *
 * <p><b>Sealing.</b> AES-256-GCM (authenticated encryption) under a key derived from the key-encryption key with
 * the label {@value #SEAL_LABEL} ({@link KeyEncryptionKey#derive}). Each seal uses its own key, HMAC-SHA256 of 128
 * fresh random bits under that derived key, and a fresh 96-bit IV: any unauthenticated request may make a seal, so
 * the 2^32-message bound of random GCM IVs under one key (NIST SP 800-38D §8.3) must not apply. The purpose (pending
 * request or login) is the associated data, so a value made for one purpose never opens as the other. Written as
 * {@code v1.<base64url(salt ‖ iv ‖ ciphertext ‖ tag)>}.
 *
 * <p><b>Binding.</b> Both values carry the SHA-256 of the browser's binding cookie (a random 256-bit value, set by
 * the server, {@code HttpOnly}) and are refused with any other: a request handle or a login cookie copied into
 * another browser is worth nothing there. Both carry an expiry.
 *
 * <p><b>CSRF.</b> The token is HMAC-SHA256 under a key derived with {@value #CSRF_LABEL} of the binding value and
 * the login's random id (none before login): any node can check it, a login changes it, and it is compared in
 * constant time.
 *
 * <p>Opening never throws for bad input and never says why it failed: a modified, truncated, expired, foreign or
 * other-key value is simply not there. Nothing here logs.
 */
public final class FlowSeals {

    /** How long the user has to log in and consent to a pending authorization request. */
    public static final Duration PENDING_LIFETIME = Duration.ofMinutes(15);
    /** The longest sealed value opened; the longest pending request seals to about 5,800 characters. */
    public static final int MAX_SEALED_LENGTH = 16_384;

    static final String SEAL_LABEL = "tollgate/authorize/seal/v1";
    static final String CSRF_LABEL = "tollgate/authorize/csrf/v1";

    private static final String VERSION = "v1.";
    private static final String PENDING_PURPOSE = "tollgate/authorize/pending-request";
    private static final String LOGIN_PURPOSE = "tollgate/authorize/login";
    private static final String PUSHED_PURPOSE = "tollgate/authorize/pushed-request";
    /** A pushed request is not bound to a browser: the client pushed it, any browser may bring it. */
    private static final String NO_BINDING = "";
    private static final int SALT_BYTES = 16;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int ID_BYTES = 16;
    /** The most parameters an authorization request has on the wire ({@link AuthorizationRequest#toParameters}). */
    private static final int MAX_PARAMETERS = 16;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    /** A pending authorization request as it was kept: its wire parameters, validated again at every step. */
    public record Pending(String id, Map<String, List<String>> parameters, Instant expiresAt) {

        public Pending {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * A login as it was kept.
     *
     * @param loginId  random per login: it changes the CSRF token at every login
     * @param authTime when the user logged in (OpenID Connect {@code auth_time})
     */
    public record Login(String loginId, String subject, Instant authTime, Instant expiresAt) {

        public Login {
            Objects.requireNonNull(loginId, "loginId");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(authTime, "authTime");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    private final byte[] sealKey;
    private final byte[] csrfKey;
    private final Duration loginLifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public FlowSeals(KeyEncryptionKey keyEncryptionKey, Duration loginLifetime, Clock clock) {
        Objects.requireNonNull(keyEncryptionKey, "keyEncryptionKey");
        this.sealKey = keyEncryptionKey.derive(SEAL_LABEL);
        this.csrfKey = keyEncryptionKey.derive(CSRF_LABEL);
        this.loginLifetime = Objects.requireNonNull(loginLifetime, "loginLifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Instant now() {
        return clock.instant();
    }

    /** A fresh browser binding value: 256 random bits, base64url (43 characters). */
    public String newBrowserBinding() {
        return B64URL.encodeToString(randomBytes(32));
    }

    /** Whether a cookie value has the shape of a binding value (anything else is treated as absent). */
    public static boolean isBrowserBinding(String value) {
        return value != null && value.length() == 43 && value.chars().allMatch(FlowSeals::isBase64Url);
    }

    // ---- pending authorization requests -------------------------------------------------------------------

    /** Seals a validated request for the browser of {@code binding}, valid for {@link #PENDING_LIFETIME}. */
    public String sealPending(AuthorizationRequest request, String binding) {
        Instant expiresAt = now().plus(PENDING_LIFETIME);
        Map<String, List<String>> parameters = request.toParameters();
        return seal(PENDING_PURPOSE, out -> {
            out.writeLong(expiresAt.getEpochSecond());
            out.write(bindingHash(binding));
            writeRequest(out, parameters);
        });
    }

    /** The pending request, unless the handle is not one of ours, altered, expired or another browser's. */
    public Optional<Pending> openPending(String handle, String binding) {
        return open(PENDING_PURPOSE, handle, binding, in -> {
            Instant expiresAt = Instant.ofEpochSecond(in.readLong());
            if (!boundTo(in, binding) || !now().isBefore(expiresAt)) {
                return Optional.empty();
            }
            return readRequest(in, expiresAt);
        });
    }

    // ---- pushed authorization requests (RFC 9126) -----------------------------------------------------------

    /**
     * Seals a validated request pushed by its client (RFC 9126 §2.2), valid for {@code lifetime}: the value of its
     * {@code request_uri}, after the URN prefix. It carries a random id (for its single use) and no browser binding.
     */
    public String sealPushed(AuthorizationRequest request, Duration lifetime) {
        Instant expiresAt = now().plus(lifetime);
        Map<String, List<String>> parameters = request.toParameters();
        return seal(PUSHED_PURPOSE, out -> {
            out.writeLong(expiresAt.getEpochSecond());
            writeRequest(out, parameters);
        });
    }

    /** The pushed request, unless the value is not one of ours, altered or expired. */
    public Optional<Pending> openPushed(String sealed) {
        return open(PUSHED_PURPOSE, sealed, NO_BINDING, in -> {
            Instant expiresAt = Instant.ofEpochSecond(in.readLong());
            if (!now().isBefore(expiresAt)) {
                return Optional.empty();
            }
            return readRequest(in, expiresAt);
        });
    }

    /** A request's random id and parameters, as a pending and a pushed request both carry them. */
    private void writeRequest(DataOutputStream out, Map<String, List<String>> parameters) throws IOException {
        out.write(randomBytes(ID_BYTES));
        out.writeByte(parameters.size());
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            out.writeUTF(parameter.getKey());
            out.writeUTF(parameter.getValue().get(0));
        }
    }

    /** What {@link #writeRequest} wrote; empty when it claims more parameters than a request has. */
    private static Optional<Pending> readRequest(DataInputStream in, Instant expiresAt) throws IOException {
        String id = B64URL.encodeToString(in.readNBytes(ID_BYTES));
        int count = in.readUnsignedByte();
        if (count > MAX_PARAMETERS) {
            return Optional.empty();
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            parameters.put(in.readUTF(), List.of(in.readUTF()));
        }
        return Optional.of(new Pending(id, Map.copyOf(parameters), expiresAt));
    }

    // ---- the login ----------------------------------------------------------------------------------------

    /** A new login of {@code subject}: a fresh id (so a fresh CSRF token), valid for the login lifetime from now. */
    public Login newLogin(String subject) {
        Instant now = now();
        return new Login(B64URL.encodeToString(randomBytes(ID_BYTES)), subject, now, now.plus(loginLifetime));
    }

    public String sealLogin(Login login, String binding) {
        return seal(LOGIN_PURPOSE, out -> {
            out.writeLong(login.expiresAt().getEpochSecond());
            out.write(bindingHash(binding));
            out.writeUTF(login.loginId());
            out.writeUTF(login.subject());
            out.writeLong(login.authTime().getEpochSecond());
            out.writeInt(login.authTime().getNano());
        });
    }

    /**
     * The login, if the value is ours and this browser's, <em>expired or not</em> (its id still identifies the
     * CSRF token of the pages it was shown with). {@link #isLive} says whether it still counts as logged in.
     */
    public Optional<Login> openLogin(String sealed, String binding) {
        return open(LOGIN_PURPOSE, sealed, binding, in -> {
            Instant expiresAt = Instant.ofEpochSecond(in.readLong());
            if (!boundTo(in, binding)) {
                return Optional.empty();
            }
            String loginId = in.readUTF();
            String subject = in.readUTF();
            Instant authTime = Instant.ofEpochSecond(in.readLong(), in.readInt());
            return Optional.of(new Login(loginId, subject, authTime, expiresAt));
        });
    }

    public boolean isLive(Login login) {
        return now().isBefore(login.expiresAt());
    }

    public Duration loginLifetime() {
        return loginLifetime;
    }

    // ---- CSRF ---------------------------------------------------------------------------------------------

    /** The CSRF token of this browser and login ({@code loginId} empty before login). */
    public String csrfToken(String binding, String loginId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(csrfKey, "HmacSHA256"));
            mac.update(binding.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0); // neither value holds a NUL: the two cannot run into each other
            mac.update(loginId.getBytes(StandardCharsets.UTF_8));
            return B64URL.encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    /** Whether {@code presented} is the token of this browser and login; false when anything is missing. */
    public boolean csrfMatches(String presented, String binding, String loginId) {
        if (presented == null || binding == null || loginId == null) {
            return false;
        }
        return MessageDigest.isEqual(csrfToken(binding, loginId).getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    // ---- the envelope -------------------------------------------------------------------------------------

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        Optional<T> read(DataInputStream in) throws IOException;
    }

    private String seal(String purpose, Writer writer) {
        ByteArrayOutputStream plain = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(plain)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        byte[] salt = randomBytes(SALT_BYTES);
        byte[] iv = randomBytes(IV_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, messageKey(salt), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] ciphertext = cipher.doFinal(plain.toByteArray());
            byte[] whole = new byte[SALT_BYTES + IV_BYTES + ciphertext.length];
            System.arraycopy(salt, 0, whole, 0, SALT_BYTES);
            System.arraycopy(iv, 0, whole, SALT_BYTES, IV_BYTES);
            System.arraycopy(ciphertext, 0, whole, SALT_BYTES + IV_BYTES, ciphertext.length);
            return VERSION + B64URL.encodeToString(whole);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available on this Java platform", e);
        }
    }

    private <T> Optional<T> open(String purpose, String sealed, String binding, Reader<T> reader) {
        if (sealed == null || binding == null || sealed.length() > MAX_SEALED_LENGTH || !sealed.startsWith(VERSION)) {
            return Optional.empty();
        }
        try {
            byte[] whole = B64URL_DECODER.decode(sealed.substring(VERSION.length()));
            if (whole.length < SALT_BYTES + IV_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, messageKey(Arrays.copyOfRange(whole, 0, SALT_BYTES)),
                    new GCMParameterSpec(TAG_BITS, whole, SALT_BYTES, IV_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(whole, SALT_BYTES + IV_BYTES, whole.length - SALT_BYTES - IV_BYTES);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
                Optional<T> value = reader.read(in);
                return in.available() == 0 ? value : Optional.empty();
            }
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            // Altered, truncated, sealed under another key, or not base64url: deliberately not told apart.
            return Optional.empty();
        }
    }

    private SecretKeySpec messageKey(byte[] salt) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(sealKey, "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal(salt), "AES");
    }

    private static boolean boundTo(DataInputStream in, String binding) throws IOException {
        byte[] sealedHash = in.readNBytes(32);
        return MessageDigest.isEqual(sealedHash, bindingHash(binding));
    }

    private static byte[] bindingHash(String binding) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(binding.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static boolean isBase64Url(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** Only the derived keys' existence is shown, never the keys. */
    @Override
    public String toString() {
        return "FlowSeals[" + loginLifetime + "]";
    }
}
