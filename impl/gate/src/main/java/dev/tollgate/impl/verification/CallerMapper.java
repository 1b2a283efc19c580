package dev.tollgate.impl.verification;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns verified token claims (a JWT's, or an introspection response's) into a {@link Caller}.
 *
 * <ul>
 *   <li>subject: {@code sub}; for introspection, {@code username} or {@code client_id} when there is no {@code sub};
 *   <li>client: {@code client_id} (RFC 9068 §2.2), else {@code azp};
 *   <li>scopes: the names at every scopes path ({@link ClaimMapping#scopes()});
 *   <li>roles: the names at every roles path ({@link ClaimMapping#roles()});
 *   <li>expiry: {@code exp}.
 * </ul>
 *
 * A roles or scopes path that leads nowhere in a token is reported once, at FINE, with the names of the token's
 * top-level claims (never their values), so that a misspelt path can be found.
 */
public final class CallerMapper {

    private static final Logger LOG = Logger.getLogger(CallerMapper.class.getName());

    /** One configured path, and whether it has been reported as finding nothing. */
    private record Watched(String kind, ClaimPath path, AtomicBoolean reported) {
        Watched(String kind, ClaimPath path) {
            this(kind, path, new AtomicBoolean());
        }

        void collect(Map<String, Object> claims, Set<String> into) {
            if (!path.collect(claims, into) && !reported.get() && LOG.isLoggable(Level.FINE)
                    && reported.compareAndSet(false, true)) {
                LOG.fine(() -> "Tollgate gate: the " + kind + " claim path " + path + " found nothing in a token whose"
                        + " claims are " + new TreeSet<>(claims.keySet()) + " (reported once per path)");
            }
        }
    }

    private final List<Watched> roles;
    private final List<Watched> scopes;

    public CallerMapper(ClaimMapping mapping) {
        this.roles = mapping.roles().stream().map(path -> new Watched("roles", path)).toList();
        this.scopes = mapping.scopes().stream().map(path -> new Watched("scopes", path)).toList();
    }

    /** The caller, or empty when the claims name no subject at all. */
    public Optional<Caller> toCaller(Map<String, Object> claims, CredentialKind kind) {
        String clientId = string(claims.get("client_id")).or(() -> string(claims.get("azp"))).orElse(null);
        Optional<String> subject = string(claims.get("sub"));
        if (kind == CredentialKind.OPAQUE_TOKEN) {
            subject = subject.or(() -> string(claims.get("username"))).or(() -> Optional.ofNullable(clientId));
        }
        if (subject.isEmpty()) {
            return Optional.empty();
        }
        Set<String> scopeNames = new LinkedHashSet<>();
        for (Watched path : scopes) {
            path.collect(claims, scopeNames);
        }
        Set<String> roleNames = new LinkedHashSet<>();
        for (Watched path : roles) {
            path.collect(claims, roleNames);
        }
        return Optional.of(Caller.of(subject.get(), clientId, scopeNames, roleNames, kind,
                instant(claims.get("exp"))));
    }

    private static Optional<String> string(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    /** {@code exp}: a {@link Date} in Nimbus's claims set, seconds since the epoch in a JSON object. */
    static Instant instant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Number number) {
            return Instant.ofEpochSecond(number.longValue());
        }
        return null;
    }
}
