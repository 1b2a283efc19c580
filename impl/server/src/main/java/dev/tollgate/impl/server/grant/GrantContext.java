package dev.tollgate.impl.server.grant;

import dev.tollgate.impl.server.store.Client;
import java.util.Objects;

/** Who asked and where: the authenticated client, and the issuer of this request (see TokenSettings). */
public record GrantContext(Client client, String issuer) {

    public GrantContext {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(issuer, "issuer");
    }
}
