package dev.tollgate.impl.server.grant;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.server.protocol.ScopeParameter;
import dev.tollgate.impl.server.store.Client;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What scope and audience a grant gets.
 *
 * <ul>
 *   <li><b>Scope</b> (RFC 6749 §3.3): every requested scope must be one the client may ask for, else
 *       {@code invalid_scope}. Without a {@code scope} parameter, the client's allowed scopes.</li>
 *   <li><b>Audience.</b> An audience is allowed to a client as the scope {@code aud:<audience>}. A client asks for
 *       it with that scope, or with an RFC 8707 {@code resource} parameter whose value is the audience. Either
 *       way the granted scope then holds {@code aud:<audience>}, so a refresh keeps the audience. The token's
 *       {@code aud} is every {@code aud:} scope granted, or the server's default audience when there is none. A
 *       resource the client may not ask for is {@code invalid_target} (RFC 8707 §2: "the requested resource is
 *       invalid, missing, unknown, or malformed"); an {@code aud:} scope it may not ask for is
 *       {@code invalid_scope}, like any other scope.</li>
 * </ul>
 */
public final class ScopePolicy {

    /** The prefix of an audience scope. */
    public static final String AUDIENCE_PREFIX = "aud:";

    private ScopePolicy() {
    }

    /** @throws OAuthException invalid_target (a resource), invalid_scope (a scope) */
    public static Set<String> grant(Client client, Optional<Set<String>> requested, List<String> resources) {
        Set<String> granted = new LinkedHashSet<>(requested.orElse(client.scopes()));
        for (String resource : resources) {
            String scope = AUDIENCE_PREFIX + resource;
            if (!ScopeParameter.isScopeToken(scope) || !client.scopes().contains(scope)) {
                throw new OAuthException(OAuthError.INVALID_TARGET, "the resource is not allowed for this client");
            }
            granted.add(scope);
        }
        if (!client.scopes().containsAll(granted)) {
            throw new OAuthException(OAuthError.INVALID_SCOPE, requested.isPresent()
                    ? "a requested scope is not allowed for this client" : "invalid scope");
        }
        return Collections.unmodifiableSet(granted);
    }

    /** The {@code aud:} scopes' audiences, or {@code defaultAudience} when there is none. */
    public static List<String> audience(Set<String> scope, List<String> defaultAudience) {
        List<String> audience = new ArrayList<>();
        for (String s : scope) {
            if (s.startsWith(AUDIENCE_PREFIX) && s.length() > AUDIENCE_PREFIX.length()) {
                audience.add(s.substring(AUDIENCE_PREFIX.length()));
            }
        }
        return audience.isEmpty() ? defaultAudience : List.copyOf(audience);
    }
}
