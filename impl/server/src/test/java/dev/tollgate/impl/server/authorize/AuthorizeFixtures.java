package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.token.Issuer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Small fixtures for the authorize tests: clients, parameters, a PKCE pair. */
final class AuthorizeFixtures {

    static final String REDIRECT = "https://app.example.com/callback";
    static final String OTHER_REDIRECT = "https://app.example.com/other";
    /** RFC 7636 Appendix B. */
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    static final Issuer ISSUER = new Issuer("https://as.example.com");

    private AuthorizeFixtures() {
    }

    static Client client(String id, List<String> redirectUris, Set<GrantType> grants, boolean skipConsent) {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        return new Client(new ClientId(id), "App " + id, false, redirectUris, grants,
                Set.of("openid", "profile", "items:read"), false, skipConsent, true, Optional.empty(),
                Optional.empty(), Optional.empty(), now, now);
    }

    static Client webApp() {
        return client("web", List.of(REDIRECT), Set.of(GrantType.AUTHORIZATION_CODE), false);
    }

    /** A valid request's parameters; change them with {@link Params#set} / {@link Params#remove}. */
    static Params params() {
        return new Params()
                .set("response_type", "code")
                .set("client_id", "web")
                .set("redirect_uri", REDIRECT)
                .set("scope", "openid profile")
                .set("state", "xyz")
                .set("code_challenge", CHALLENGE)
                .set("code_challenge_method", "S256");
    }

    static final class Params {
        final Map<String, List<String>> map = new HashMap<>();

        Params set(String name, String... values) {
            map.put(name, new ArrayList<>(List.of(values)));
            return this;
        }

        Params remove(String name) {
            map.remove(name);
            return this;
        }

        Map<String, List<String>> build() {
            return map;
        }
    }
}
