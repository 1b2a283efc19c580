package dev.tollgate.impl.server.store;

import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.secret.SecretHash;
import java.util.List;

/** Small client definitions for tests. */
final class TestClients {

    static final String SECRET = "s3cret-0123456789-abcdefghij";

    private TestClients() {
    }

    /** A service client: client_credentials with a secret. */
    static ClientDefinition.Builder confidential(String id) {
        return ClientDefinition.builder(new ClientId(id))
                .name("Service " + id)
                .secretHash(SecretHash.of(SECRET))
                .grantTypes(GrantType.CLIENT_CREDENTIALS)
                .scopes(List.of("read", "write"));
    }

    /** A browser app: authorization code and refresh, no secret. */
    static ClientDefinition.Builder publicApp(String id) {
        return ClientDefinition.builder(new ClientId(id))
                .name("App " + id)
                .grantTypes(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN)
                .redirectUris(List.of("https://app.example.com/callback"))
                .scopes(List.of("openid", "profile"));
    }
}
