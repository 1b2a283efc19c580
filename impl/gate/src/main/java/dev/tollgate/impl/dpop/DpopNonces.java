package dev.tollgate.impl.dpop;

import com.nimbusds.jose.util.Base64URL;
import dev.tollgate.impl.jwt.HmacSecret;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import javax.crypto.Mac;

/**
 * The gate's DPoP nonces (RFC 9449 §9): stateless, so that every node that shares the secret accepts every other
 * node's. A nonce is base64url(time slot, 8 bytes ‖ the first 16 bytes of HMAC-SHA256(secret, slot)); it is accepted
 * during its slot and the next one, so for between one and two {@code lifetime}s. A proof made with it can thus not
 * have been made before the slot began, whatever its {@code iat} says: freshness by the server's clock (§11.1).
 */
public final class DpopNonces {

    private static final int MAC_BYTES = 16;

    private final HmacSecret secret;
    private final long lifetimeMillis;
    private final Clock clock;

    public DpopNonces(HmacSecret secret, Duration lifetime, Clock clock) {
        this.secret = secret;
        this.lifetimeMillis = lifetime.toMillis();
        this.clock = clock;
    }

    /** The nonce of the current slot, for {@code DPoP-Nonce}. */
    public String current() {
        return nonce(Math.floorDiv(clock.millis(), lifetimeMillis));
    }

    /** Whether {@code nonce} is one of ours, of the current slot or the one before. */
    public boolean isValid(String nonce) {
        byte[] raw;
        try {
            raw = new Base64URL(nonce).decode();
        } catch (RuntimeException e) {
            return false;
        }
        if (raw.length != Long.BYTES + MAC_BYTES) {
            return false;
        }
        long slot = ByteBuffer.wrap(raw).getLong();
        long now = Math.floorDiv(clock.millis(), lifetimeMillis);
        if (slot != now && slot != now - 1) {
            return false;
        }
        return MessageDigest.isEqual(Arrays.copyOfRange(raw, Long.BYTES, raw.length), mac(slot));
    }

    private String nonce(long slot) {
        ByteBuffer raw = ByteBuffer.allocate(Long.BYTES + MAC_BYTES).putLong(slot).put(mac(slot));
        return Base64URL.encode(raw.array()).toString();
    }

    private byte[] mac(long slot) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret.key());
            return Arrays.copyOf(mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(slot).array()), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
