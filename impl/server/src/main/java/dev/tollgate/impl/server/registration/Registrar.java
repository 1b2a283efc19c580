package dev.tollgate.impl.server.registration;

import dev.tollgate.api.Caller;
import dev.tollgate.impl.server.bootstrap.BootstrapAdmin;
import dev.tollgate.impl.server.caller.CallerKinds;
import dev.tollgate.impl.server.caller.ClientOwners;
import dev.tollgate.impl.server.secret.SecretHash;
import java.util.Objects;
import java.util.Optional;

/**
 * Who makes a registration, as the {@link RegistrationLimiter} counts it: a user (who also owns what they register),
 * the client of an initial access token (RFC 7591 §3: the token's holder may be any registrar, so its client is
 * counted, not the token), or, in {@code open} mode, the client address.
 *
 * @param key     {@code user:<subject>}, {@code client:<client_id>} or {@code address:<ip>}
 * @param owner   the user who will own the client, whose live clients the quota counts
 * @param limited false for an administrator, who can create accounts at will, so that no per-account limit could
 *                bound them
 */
public record Registrar(String key, Optional<String> owner, boolean limited) {

    /** The longest key: a prefix and at most 320 characters (longer values are hashed). */
    static final int MAX_KEY_LENGTH = 330;
    private static final int MAX_VALUE_LENGTH = 320;

    public Registrar {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("registrar key too long");
        }
    }

    /**
     * A user: plain headers, or a Bearer token issued to a user. Counted under the owner name, not the caller's
     * subject: a token names the user by an opaque id, the plain headers by the login name, and one user must not
     * get two rates and two quotas by switching credentials.
     */
    public static Registrar user(Caller caller, ClientOwners owners) {
        String owner = owners.ownerName(caller);
        return new Registrar(key("user:", owner), Optional.of(owner), !caller.hasRole(BootstrapAdmin.ADMIN_ROLE));
    }

    /**
     * The registrar of a registration request, once the request was allowed.
     *
     * @param clientAddress the request's remote address, counted in {@code open} mode for an anonymous request
     */
    static Registrar of(Caller caller, ClientOwners owners, String clientAddress) {
        if (CallerKinds.isUser(caller)) {
            return user(caller, owners);
        }
        if (!caller.isAnonymous() && caller.clientId().isPresent()) {
            return new Registrar(key("client:", caller.clientId().get()), Optional.empty(), true);
        }
        return new Registrar(key("address:", clientAddress), Optional.empty(), true);
    }

    private static String key(String prefix, String value) {
        return prefix + (value.length() <= MAX_VALUE_LENGTH ? value : "sha256:" + SecretHash.of(value).hex());
    }
}
