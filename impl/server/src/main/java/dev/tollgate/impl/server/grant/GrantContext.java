package dev.tollgate.impl.server.grant;

import dev.tollgate.impl.server.store.Client;
import java.util.Objects;
import java.util.Optional;

/**
 * Who asked and where: the authenticated client, the issuer of this request (see TokenSettings), the client
 * address of the request (for the password grant's lockout; null when unknown), and the key of the request's DPoP
 * proof (RFC 9449 §5), which the issued tokens are bound to.
 *
 * @param dpopKey the JWK SHA-256 thumbprint of the request's checked DPoP proof; empty: no proof, Bearer tokens
 */
public record GrantContext(Client client, String issuer, String clientAddress, Optional<String> dpopKey) {

    public GrantContext {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(dpopKey, "dpopKey");
    }

    /** Without a DPoP proof. */
    public GrantContext(Client client, String issuer, String clientAddress) {
        this(client, issuer, clientAddress, Optional.empty());
    }

    /** From an unknown client address. */
    public GrantContext(Client client, String issuer) {
        this(client, issuer, null);
    }
}
