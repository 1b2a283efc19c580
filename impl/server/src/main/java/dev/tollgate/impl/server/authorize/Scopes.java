package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.protocol.ScopeParameter;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A requested or granted scope set (RFC 6749 §3.3), normalized: distinct scope-tokens in sorted order. Its
 * {@link #value()} (joined by single spaces, empty for none) is how consents and codes store it, so that "b a" and
 * "a  b a" are the same set.
 */
public record Scopes(SortedSet<String> tokens) {

    public static final Scopes NONE = new Scopes(new TreeSet<>());

    public Scopes {
        tokens = Collections.unmodifiableSortedSet(new TreeSet<>(tokens));
        for (String token : tokens) {
            if (!isScopeToken(token)) {
                throw new IllegalArgumentException("not a scope-token");
            }
        }
    }

    public static Scopes of(Collection<String> tokens) {
        return new Scopes(new TreeSet<>(tokens));
    }

    /**
     * The {@code scope} parameter: scope-tokens separated by spaces. Empty when a token has a character outside
     * RFC 6749 §3.3's NQCHAR ({@code %x21 / %x23-5B / %x5D-7E}).
     */
    public static Optional<Scopes> parse(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return Optional.of(NONE);
        }
        TreeSet<String> tokens = new TreeSet<>();
        for (String token : parameter.trim().split(" +")) {
            if (!isScopeToken(token)) {
                return Optional.empty();
            }
            tokens.add(token);
        }
        return Optional.of(new Scopes(tokens));
    }

    /** The normalized, space-separated form; empty for no scope. */
    public String value() {
        return String.join(" ", tokens);
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** Whether every scope here is in {@code allowed}. */
    public boolean within(Collection<String> allowed) {
        return allowed.containsAll(tokens);
    }

    /** The one NQCHAR rule of the protocol endpoints and the authorization endpoint alike. */
    static boolean isScopeToken(String token) {
        return ScopeParameter.isScopeToken(token);
    }

    @Override
    public String toString() {
        return value();
    }
}
