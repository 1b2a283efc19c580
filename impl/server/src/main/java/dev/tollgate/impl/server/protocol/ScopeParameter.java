package dev.tollgate.impl.server.protocol;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The {@code scope} parameter (RFC 6749 §3.3): space-delimited scope-tokens of NQCHAR. */
public final class ScopeParameter {

    private ScopeParameter() {
    }

    /**
     * @return the distinct scope-tokens in the order given; empty when the parameter is absent
     * @throws RequestParseException invalid_scope when a token has a character outside
     *                               {@code %x21 / %x23-5B / %x5D-7E}
     */
    public static Optional<Set<String>> parse(Optional<String> parameter) throws RequestParseException {
        if (parameter.isEmpty() || parameter.get().isBlank()) {
            return Optional.empty();
        }
        Set<String> tokens = new LinkedHashSet<>();
        for (String token : parameter.get().trim().split(" +")) {
            if (!isScopeToken(token)) {
                throw new RequestParseException(dev.tollgate.api.error.OAuthError.INVALID_SCOPE,
                        "the scope is malformed");
            }
            tokens.add(token);
        }
        return Optional.of(Collections.unmodifiableSet(tokens));
    }

    public static boolean isScopeToken(String token) {
        return !token.isEmpty() && token.length() <= 255
                && token.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
    }
}
