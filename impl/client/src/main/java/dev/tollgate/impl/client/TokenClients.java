package dev.tollgate.impl.client;

import dev.tollgate.api.client.UserTokenStore;
import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Token clients without CDI.
 *
 * <pre>{@code
 * DefaultTokenClient ryvn = TokenClients.builder()
 *         .name("ryvn")
 *         .tokenUrl("https://auth.ryvn.example/oauth2/token")
 *         .clientId("reporting")
 *         .clientSecret(secretFromVault)
 *         .scope("reports:read")
 *         .build();
 * HttpClient http = HttpClient.newHttpClient();
 * AuthorizedHttpClient api = new AuthorizedHttpClient(http, ryvn);
 * }</pre>
 *
 * The builder's settings are the keys of {@link ClientConfig} and are validated the same way: a wrong one throws a
 * {@link ConfigurationException} naming the key it stands for. Close the client when the application stops.
 */
public final class TokenClients {

    private TokenClients() {
    }

    /**
     * A client configured under {@code tollgate.client.<name>.*} in the standard sources: MicroProfile Config when
     * present, system properties, the environment.
     */
    public static DefaultTokenClient fromConfig(String name) {
        return fromConfig(name, ConfigSource.standard(key -> Optional.empty()));
    }

    /** A client configured under {@code tollgate.client.<name>.*} in {@code source}. */
    public static DefaultTokenClient fromConfig(String name, ConfigSource source) {
        return create(ClientConfig.read(name, source));
    }

    /** A client for a configuration already read. */
    public static DefaultTokenClient create(ClientConfig config) {
        return create(config, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The authorization code flow of the client configured under {@code tollgate.client.<name>.*}. */
    public static AuthorizationCodeFlow authorizationCodeFlow(ClientConfig config, UserTokenStore store) {
        return new AuthorizationCodeFlow(new ServerConnection(config, Clock.systemUTC()), store, new SecureRandom());
    }

    static DefaultTokenClient create(ClientConfig config, Clock clock, DoubleSupplier random) {
        return new DefaultTokenClient(new ServerConnection(config, clock), random);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings named after the configuration keys; {@link #build()} validates them all. */
    public static final class Builder {

        private String name = "default";
        private final Map<String, String> values = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {
        }

        /** The client's name, used in messages, logs and thread names; default {@code default}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Any key of {@link ClientConfig}, relative to {@code tollgate.client.<name>.}, e.g. {@code read-timeout}. */
        public Builder set(String key, String value) {
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, value);
            }
            return this;
        }

        public Builder tokenUrl(String url) {
            return set("token-url", url);
        }

        public Builder tokenUrl(URI url) {
            return set("token-url", url.toString());
        }

        public Builder issuer(String issuer) {
            return set("issuer", issuer);
        }

        public Builder revocationUrl(String url) {
            return set("revocation-url", url);
        }

        public Builder authorizationUrl(String url) {
            return set("authorization-url", url);
        }

        public Builder redirectUri(String uri) {
            return set("redirect-uri", uri);
        }

        public Builder clientId(String clientId) {
            return set("client-id", clientId);
        }

        public Builder clientSecret(String secret) {
            return set("client-secret", secret);
        }

        public Builder grantType(GrantType grantType) {
            return set("grant-type", grantType.value());
        }

        /** The resource owner's credentials, for the password grant. */
        public Builder credentials(String username, String password) {
            return set("username", username).set("password", password);
        }

        public Builder refreshToken(String refreshToken) {
            return set("refresh-token", refreshToken);
        }

        public Builder scope(String... scopes) {
            return set("scope", String.join(" ", scopes));
        }

        public Builder audience(String audience) {
            return set("audience", audience);
        }

        public Builder resource(String... resources) {
            return set("resource", String.join(",", Arrays.asList(resources)));
        }

        public Builder authMethod(ClientAuthMethod method) {
            return set("auth-method", method.value());
        }

        /**
         * Token requests as one JSON object with the credentials in it, as the RIPS token endpoint expects
         * ({@code auth-method} {@code json}); replaces {@link #authMethod(ClientAuthMethod)}.
         */
        public Builder jsonTokenRequests() {
            return set("auth-method", ClientConfig.JSON_AUTH_METHOD);
        }

        public Builder refreshSkew(Duration skew) {
            return set("refresh-skew", skew.toString());
        }

        public Builder connectTimeout(Duration timeout) {
            return set("connect-timeout", timeout.toString());
        }

        public Builder readTimeout(Duration timeout) {
            return set("read-timeout", timeout.toString());
        }

        public Builder revokeOnShutdown(boolean revoke) {
            return set("revoke-on-shutdown", Boolean.toString(revoke));
        }

        public Builder backoff(Duration initial, Duration max) {
            return set("backoff-initial", initial.toString()).set("backoff-max", max.toString());
        }

        public Builder authorizationTtl(Duration ttl) {
            return set("authorization-ttl", ttl.toString());
        }

        /** <b>Sends credentials in clear text</b> to non-loopback {@code http} endpoints. For tests only. */
        public Builder allowInsecureHttp(boolean allow) {
            return set("allow-insecure-http", Boolean.toString(allow));
        }

        /** The time source, for tests. */
        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The jitter source (values in [0, 1)), for tests. */
        Builder random(DoubleSupplier random) {
            this.random = random;
            return this;
        }

        /** The validated configuration. */
        public ClientConfig config() {
            Map<String, String> keys = new LinkedHashMap<>();
            values.forEach((k, v) -> keys.put(ClientConfig.PREFIX + name + "." + k, v));
            return ClientConfig.read(name, ConfigSource.of(keys));
        }

        public DefaultTokenClient build() {
            return new DefaultTokenClient(new ServerConnection(config(), clock), random);
        }

        /** The authorization code flow for this client's users, keeping their tokens in {@code store}. */
        public AuthorizationCodeFlow buildAuthorizationCodeFlow(UserTokenStore store) {
            return new AuthorizationCodeFlow(new ServerConnection(config(), clock), store, new SecureRandom());
        }
    }
}
