package dev.tollgate.impl.server.protocol;

import dev.tollgate.impl.protocol.GrantType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A token request (RFC 6749 §4, §6), one record per grant. Client authentication is not part of it: see
 * {@link ClientAuthentication}.
 *
 * <p>The dispatcher handles it through {@link #accept(Handler)}: {@link Handler} has one method per record, so a
 * new grant does not compile until it has a handler (the Java 17 form of an exhaustive switch over a sealed type).
 */
public sealed interface TokenRequest {

    GrantType grantType();

    <R> R accept(Handler<R> handler);

    /** One method per grant. */
    interface Handler<R> {
        R clientCredentials(ClientCredentials request);

        R password(Password request);

        R refreshToken(RefreshToken request);

        R authorizationCode(AuthorizationCode request);
    }

    /**
     * RFC 6749 §4.4.2, with RFC 8707 resource indicators.
     *
     * @param scope     empty: not asked for
     * @param resources absolute URIs or audience names, possibly none
     */
    record ClientCredentials(Optional<Set<String>> scope, List<String> resources) implements TokenRequest {

        public ClientCredentials {
            Objects.requireNonNull(scope, "scope");
            resources = List.copyOf(resources);
        }

        @Override
        public GrantType grantType() {
            return GrantType.CLIENT_CREDENTIALS;
        }

        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.clientCredentials(this);
        }
    }

    /** RFC 6749 §4.3.2. {@link #toString()} leaves the password out. */
    record Password(String username, String password, Optional<Set<String>> scope, List<String> resources)
            implements TokenRequest {

        public Password {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(scope, "scope");
            resources = List.copyOf(resources);
        }

        @Override
        public GrantType grantType() {
            return GrantType.PASSWORD;
        }

        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.password(this);
        }

        @Override
        public String toString() {
            return "Password[username=" + username + ", password=redacted, scope=" + scope + ']';
        }
    }

    /** RFC 6749 §6. {@link #toString()} leaves the token out. */
    record RefreshToken(String refreshToken, Optional<Set<String>> scope) implements TokenRequest {

        public RefreshToken {
            Objects.requireNonNull(refreshToken, "refreshToken");
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public GrantType grantType() {
            return GrantType.REFRESH_TOKEN;
        }

        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.refreshToken(this);
        }

        @Override
        public String toString() {
            return "RefreshToken[refreshToken=redacted, scope=" + scope + ']';
        }
    }

    /** RFC 6749 §4.1.3 with RFC 7636 §4.5. {@link #toString()} leaves the code and verifier out. */
    record AuthorizationCode(String code, Optional<String> redirectUri, String codeVerifier)
            implements TokenRequest {

        public AuthorizationCode {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(codeVerifier, "codeVerifier");
        }

        @Override
        public GrantType grantType() {
            return GrantType.AUTHORIZATION_CODE;
        }

        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.authorizationCode(this);
        }

        @Override
        public String toString() {
            return "AuthorizationCode[code=redacted, redirectUri=" + redirectUri + ']';
        }
    }
}
