package dev.tollgate.impl.jwt;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.Optional;

/**
 * An authorization server that runs in the same application as the gate, and whose signing keys the gate can read
 * directly: Tollgate's own server WAR provides one as a CDI bean. The gate then accepts that server's access tokens
 * beside those of the configured issuer, with no HTTP round trip for the keys.
 *
 * <p>A token goes to this issuer when its {@code kid} names one of {@link #publicKeys()}; it must then be an RFC 9068
 * access token ({@code typ} {@code at+jwt}), carry {@link #issuer()} as {@code iss} when that is known, and pass the
 * gate's audience and time checks.
 */
public interface LocalIssuer {

    /**
     * The {@code iss} of this server's tokens. Empty when the server derives it from each request's host: then a
     * valid signature by one of its own keys is what makes a token this server's.
     */
    Optional<String> issuer();

    /** The public keys that verify this server's tokens: the current one and those still published. */
    JWKSource<SecurityContext> publicKeys();
}
