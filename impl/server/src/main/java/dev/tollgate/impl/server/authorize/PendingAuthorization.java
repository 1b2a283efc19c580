package dev.tollgate.impl.server.authorize;

import java.time.Instant;
import java.util.Objects;

/**
 * An authorization request waiting for the user's login or consent: the validated request and no more, so that what
 * a pending request costs is bounded whatever the query it came in (the raw query is never kept). It is small and
 * flat on purpose: {@link AuthorizationRequest#toParameters()}, the client address and the creation time are all a
 * node needs to store it elsewhere, e.g. in the database for a cluster.
 *
 * @param clientAddress the key of the address it came from ({@link PendingAuthorizations#addressKey}), for the
 *                      per-address bound
 */
public record PendingAuthorization(AuthorizationRequest request, String clientAddress, Instant createdAt) {

    public PendingAuthorization {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
