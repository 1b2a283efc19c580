package dev.tollgate.impl.verification;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns verified token claims (a JWT's, or an introspection response's) into a {@link Caller}.
 *
 * <ul>
 *   <li>subject: {@code sub}; for introspection, {@code username} or {@code client_id} when there is no {@code sub};
 *   <li>client: {@code client_id} (RFC 9068 §2.2), else {@code azp};
 *   <li>scopes: {@code scope}, space-separated (RFC 6749 §3.3), else {@code scp} (array or string);
 *   <li>roles: the values of every configured roles claim, arrays or space-separated strings;
 *   <li>expiry: {@code exp}.
 * </ul>
 *
 * Only one level of array is read: nested arrays and objects in a roles claim are ignored, never walked.
 */
public final class CallerMapper {

    private final List<String> rolesClaims;

    public CallerMapper(List<String> rolesClaims) {
        this.rolesClaims = List.copyOf(rolesClaims);
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
        Set<String> scopes = claims.containsKey("scope") ? words(claims.get("scope")) : words(claims.get("scp"));
        Set<String> roles = new LinkedHashSet<>();
        for (String claim : rolesClaims) {
            roles.addAll(words(claims.get(claim)));
        }
        return Optional.of(Caller.of(subject.get(), clientId, scopes, roles, kind, instant(claims.get("exp"))));
    }

    private static Optional<String> string(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    /** A space-separated string, or an array of strings; anything else counts as nothing. */
    static Set<String> words(Object value) {
        Set<String> words = new LinkedHashSet<>();
        if (value instanceof String s) {
            for (String word : s.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        } else if (value instanceof Collection<?> values) {
            for (Object element : values) {
                if (element instanceof String s && !s.isBlank()) {
                    words.add(s.trim());
                }
            }
        }
        return words;
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
