package dev.tollgate.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientConfigTest {

    private static final String P = "tollgate.client.ryvn.";

    /** A valid client_credentials client; each test changes a key or two. */
    private static Map<String, String> valid() {
        Map<String, String> keys = new HashMap<>();
        keys.put(P + "token-url", "https://auth.ryvn.example/oauth2/token");
        keys.put(P + "client-id", "reporting");
        keys.put(P + "client-secret", "s3cr3t");
        return keys;
    }

    private static ClientConfig read(Map<String, String> keys) {
        return ClientConfig.read("ryvn", ConfigSource.of(keys));
    }

    private static ConfigurationException refused(Map<String, String> keys) {
        return assertThrows(ConfigurationException.class, () -> read(keys));
    }

    @Test
    void minimalClientCredentialsConfigurationGetsTheDocumentedDefaults() {
        ClientConfig c = read(valid());

        assertEquals(GrantType.CLIENT_CREDENTIALS, c.grantType());
        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, c.authMethod());
        assertEquals(Duration.ofSeconds(30), c.refreshSkew());
        assertEquals(Duration.ofSeconds(2), c.connectTimeout());
        assertEquals(Duration.ofSeconds(10), c.readTimeout());
        assertEquals(Duration.ofSeconds(1), c.backoffInitial());
        assertEquals(Duration.ofSeconds(60), c.backoffMax());
        assertEquals(Duration.ofMinutes(10), c.authorizationTtl());
        assertFalse(c.revokeOnShutdown());
        assertEquals(List.of(), c.scopes());
        assertEquals(Optional.empty(), c.issuer());
    }

    @Test
    void everyKeyIsRead() {
        Map<String, String> k = valid();
        k.put(P + "issuer", "https://auth.ryvn.example");
        k.put(P + "revocation-url", "https://auth.ryvn.example/oauth2/revoke");
        k.put(P + "scope", "reports:read, reports:write  admin");
        k.put(P + "audience", "ryvn-api");
        k.put(P + "resource", "https://api.ryvn.example/, https://files.ryvn.example/");
        k.put(P + "auth-method", "client_secret_post");
        k.put(P + "refresh-skew", "45s");
        k.put(P + "connect-timeout", "500ms");
        k.put(P + "read-timeout", "PT3S");
        k.put(P + "revoke-on-shutdown", "true");
        k.put(P + "backoff-initial", "2s");
        k.put(P + "backoff-max", "5m");

        ClientConfig c = read(k);

        assertEquals(List.of("reports:read", "reports:write", "admin"), c.scopes());
        assertEquals("reports:read reports:write admin", c.scopeParameter().orElseThrow());
        assertEquals(List.of(URI.create("https://api.ryvn.example/"), URI.create("https://files.ryvn.example/")),
                c.resources());
        assertEquals(ClientAuthMethod.CLIENT_SECRET_POST, c.authMethod());
        assertEquals(Duration.ofSeconds(45), c.refreshSkew());
        assertEquals(Duration.ofMillis(500), c.connectTimeout());
        assertEquals(Duration.ofSeconds(3), c.readTimeout());
        assertTrue(c.revokeOnShutdown());
        assertEquals(Duration.ofMinutes(5), c.backoffMax());
        assertEquals("ryvn-api", c.audience().orElseThrow());
    }

    @Test
    void missingTokenUrlAndIssuerNamesTheTokenUrlKey() {
        Map<String, String> k = valid();
        k.remove(P + "token-url");
        assertEquals(P + "token-url", refused(k).key());
    }

    @Test
    void issuerAloneIsEnoughForDiscovery() {
        Map<String, String> k = valid();
        k.remove(P + "token-url");
        k.put(P + "issuer", "https://auth.ryvn.example");
        assertEquals(Optional.empty(), read(k).tokenUrl());
    }

    @Test
    void missingClientIdNamesItsKey() {
        Map<String, String> k = valid();
        k.remove(P + "client-id");
        ConfigurationException e = refused(k);
        assertEquals(P + "client-id", e.key());
        assertTrue(e.getMessage().contains(P + "client-id"));
    }

    @ParameterizedTest
    @CsvSource({
        "grant-type, implicit",
        "auth-method, tls_client_auth",
        "token-url, not a url",
        "token-url, ftp://auth.ryvn.example/token",
        "token-url, https://auth.ryvn.example/token#frag",
        "issuer, /relative",
        "refresh-skew, soon",
        "connect-timeout, 0s",
        "read-timeout, -5s",
        "backoff-initial, 1 fortnight",
        "revoke-on-shutdown, yes",
        "resource, https://api.ryvn.example/#x",
        "resource, relative/path",
        "scope, bad\"scope",
        "allow-insecure-http, maybe",
    })
    void wrongValueNamesItsKey(String key, String value) {
        Map<String, String> k = valid();
        k.put(P + key, value);
        assertEquals(P + key, refused(k).key());
    }

    @Test
    void clientCredentialsWithoutSecretNamesTheSecretKey() {
        Map<String, String> k = valid();
        k.remove(P + "client-secret");
        assertEquals(P + "client-secret", refused(k).key());
    }

    @Test
    void secretBasedAuthMethodWithoutSecretNamesTheSecretKey() {
        Map<String, String> k = valid();
        k.remove(P + "client-secret");
        k.put(P + "grant-type", "password");
        k.put(P + "username", "alice");
        k.put(P + "password", "pw");
        k.put(P + "auth-method", "client_secret_post");
        assertEquals(P + "client-secret", refused(k).key());
    }

    @Test
    void authMethodDefaultsToNoneWithoutSecret() {
        Map<String, String> k = valid();
        k.remove(P + "client-secret");
        k.put(P + "grant-type", "password");
        k.put(P + "username", "alice");
        k.put(P + "password", "pw");
        assertEquals(ClientAuthMethod.NONE, read(k).authMethod());
    }

    @Test
    void jsonAuthMethodPostsTheCredentialsInAJsonBody() {
        Map<String, String> k = valid();
        k.put(P + "auth-method", "JSON");

        ClientConfig withSecret = read(k);
        k.remove(P + "client-secret");
        k.put(P + "grant-type", "password");
        k.put(P + "username", "alice");
        k.put(P + "password", "pw");
        ClientConfig withoutSecret = read(k);

        assertTrue(withSecret.jsonTokenRequests());
        assertEquals(ClientAuthMethod.CLIENT_SECRET_POST, withSecret.authMethod());
        assertTrue(withoutSecret.jsonTokenRequests());
        assertEquals(ClientAuthMethod.NONE, withoutSecret.authMethod());
        assertFalse(read(valid()).jsonTokenRequests(), "forms unless json is asked for");
    }

    @Test
    void authMethodNoneWithASecretIsRefused() {
        Map<String, String> k = valid();
        k.put(P + "auth-method", "none");
        assertEquals(P + "auth-method", refused(k).key());
    }

    @Test
    void passwordGrantNeedsUsernameAndPassword() {
        Map<String, String> k = valid();
        k.put(P + "grant-type", "password");
        assertEquals(P + "username", refused(k).key());
        k.put(P + "username", "alice");
        assertEquals(P + "password", refused(k).key());
        k.put(P + "password", "pw");
        assertEquals(GrantType.PASSWORD, read(k).grantType());
    }

    @Test
    void refreshTokenGrantNeedsTheInitialRefreshToken() {
        Map<String, String> k = valid();
        k.put(P + "grant-type", "refresh_token");
        assertEquals(P + "refresh-token", refused(k).key());
    }

    @Test
    void authorizationCodeGrantNeedsRedirectUriAndAnAuthorizationEndpoint() {
        Map<String, String> k = valid();
        k.put(P + "grant-type", "authorization_code");
        assertEquals(P + "redirect-uri", refused(k).key());
        k.put(P + "redirect-uri", "https://app.example/callback");
        assertEquals(P + "authorization-url", refused(k).key());
        k.put(P + "authorization-url", "https://auth.ryvn.example/authorize");
        assertEquals(GrantType.AUTHORIZATION_CODE, read(k).grantType());
    }

    @Test
    void revokeOnShutdownIsRefusedWithTheRefreshTokenGrant() {
        Map<String, String> k = valid();
        k.put(P + "grant-type", "refresh_token");
        k.put(P + "refresh-token", "rt");
        k.put(P + "revoke-on-shutdown", "true");
        k.put(P + "revocation-url", "https://auth.ryvn.example/revoke");
        assertEquals(P + "revoke-on-shutdown", refused(k).key());
    }

    @Test
    void revokeOnShutdownNeedsARevocationEndpoint() {
        Map<String, String> k = valid();
        k.put(P + "revoke-on-shutdown", "true");
        assertEquals(P + "revocation-url", refused(k).key());
    }

    @Test
    void backoffMaxShorterThanInitialNamesBackoffMax() {
        Map<String, String> k = valid();
        k.put(P + "backoff-initial", "10s");
        k.put(P + "backoff-max", "5s");
        assertEquals(P + "backoff-max", refused(k).key());
    }

    @Test
    void plainHttpIsRefusedExceptToLoopback() {
        Map<String, String> k = valid();
        k.put(P + "token-url", "http://auth.ryvn.example/token");
        assertEquals(P + "token-url", refused(k).key());

        for (String loopback : List.of("http://localhost:8080/token", "http://127.0.0.1:9/token",
                "http://[::1]:9/token")) {
            k.put(P + "token-url", loopback);
            assertEquals(URI.create(loopback), read(k).tokenUrl().orElseThrow());
        }

        k.put(P + "token-url", "http://auth.ryvn.example/token");
        k.put(P + "allow-insecure-http", "true");
        assertEquals("http", read(k).tokenUrl().orElseThrow().getScheme());
    }

    @Test
    void invalidClientNameIsRefused() {
        assertThrows(ConfigurationException.class, () -> ClientConfig.read("a.b", ConfigSource.of(Map.of())));
    }

    @Test
    void secretsAreNeverEchoed() {
        Map<String, String> k = valid();
        k.put(P + "client-secret", "TOP-SECRET-VALUE");
        k.put(P + "grant-type", "password");
        k.put(P + "username", "alice");
        k.put(P + "password", "TOP-SECRET-PASSWORD");
        ClientConfig c = read(k);
        assertFalse(c.toString().contains("TOP-SECRET"));

        k.put(P + "backoff-max", "nonsense");
        assertFalse(refused(k).getMessage().contains("TOP-SECRET"));
    }

    @Test
    void builderValidatesLikeTheKeys() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> TokenClients.builder().name("ryvn").clientId("x").clientSecret("y").config());
        assertEquals(P + "token-url", e.key());
    }
}
