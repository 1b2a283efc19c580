package dev.tollgate.impl.server.grant;

import dev.tollgate.impl.server.store.Client;
import java.util.Objects;

/**
 * Who asked and where: the authenticated client, the issuer of this request (see TokenSettings), and the client
 * address of the request (for the password grant's lockout; null when unknown).
 */
public record GrantContext(Client client, String issuer, String clientAddress) {

    public GrantContext {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(issuer, "issuer");
    }

    /** From an unknown client address. */
    public GrantContext(Client client, String issuer) {
        this(client, issuer, null);
    }
}
