package dev.tollgate.impl.jwt;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * An authorization server that runs in the same application as the gate, and whose signing keys the gate can read
 * directly: Tollgate's own server WAR provides one as a CDI bean. The gate then accepts that server's access tokens
 * beside those of the configured issuer, with no HTTP round trip for the keys.
 *
 * <p>A token goes to this issuer when its {@code kid} names one of {@link #publicKeys()}; it is then checked like
 * any other issuer's: an RFC 9068 access token ({@code typ} {@code at+jwt}) whose {@code iss} is exactly
 * {@link #issuer()} and whose {@code aud} names one of the gate's audiences or the issuer itself (RFC 9068 §4), within
 * its time.
 */
public interface LocalIssuer {

    /** The {@code iss} of this server's tokens: its configured issuer identifier. */
    String issuer();

    /** The public keys that verify this server's tokens: the current one and those still published. */
    JWKSource<SecurityContext> publicKeys();
}
