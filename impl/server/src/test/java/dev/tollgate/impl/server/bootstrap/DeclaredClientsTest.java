package dev.tollgate.impl.server.bootstrap;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading client declarations from the file and from configuration keys (no database). */
class DeclaredClientsTest {

    private static final String SECRET = "reporting-secret-0123456789";

    @TempDir
    Path dir;

    /** The example of the class javadoc, which the README copies. */
    private static final String DOCUMENTED_FILE = """
            {
              "clients": {
                "rips-web": {
                  "name": "RIPS web app",
                  "public": true,
                  "grants": ["authorization_code", "refresh_token", "password"],
                  "redirect-uris": ["https://app.example.com/callback"],
                  "scopes": ["openid", "profile", "read"],
                  "global": true,
                  "skip-consent": true
                },
                "reporting": {
                  "name": "Reporting service",
                  "secret-sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                  "grants": ["client_credentials"],
                  "scopes": ["reports:read"],
                  "access-token-lifetime": "10m"
                }
              }
            }
            """;

    @Test
    void fileInTheDocumentedFormatDeclaresEveryAttribute() throws IOException {
        List<ClientDefinition> clients = load(Map.of(DeclaredClients.FILE_KEY, file(DOCUMENTED_FILE)), Set.of());

        assertEquals(2, clients.size());
        ClientDefinition web = clients.get(0);
        assertEquals(new ClientId("rips-web"), web.id());
        assertEquals("RIPS web app", web.name());
        assertFalse(web.confidential());
        assertEquals(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.PASSWORD),
                web.grantTypes());
        assertEquals(List.of("https://app.example.com/callback"), web.redirectUris());
        assertEquals(Set.of("openid", "profile", "read"), web.scopes());
        assertTrue(web.global());
        assertTrue(web.skipConsent());
        assertTrue(web.declared());
        ClientDefinition reporting = clients.get(1);
        assertEquals(Optional.of(SecretHash.of("test")), reporting.secretHash());
        assertEquals(Optional.of(Duration.ofMinutes(10)), reporting.accessTokenLifetime());
        assertFalse(reporting.global());
    }

    @Test
    void configurationKeysDeclareAClientAndItsSecretIsHashed() {
        Map<String, String> keys = Map.of(
                "tollgate.clients.reporting.name", "Reporting service",
                "tollgate.clients.reporting.secret", SECRET,
                "tollgate.clients.reporting.grants", "client_credentials, refresh_token",
                "tollgate.clients.reporting.scopes", "reports:read reports:write",
                "tollgate.clients.reporting.skip-consent", "true",
                "tollgate.clients.reporting.refresh-token-lifetime", "30d");

        ClientDefinition client = load(keys, keys.keySet()).get(0);

        assertEquals(new ClientId("reporting"), client.id());
        assertEquals(Optional.of(SecretHash.of(SECRET)), client.secretHash());
        assertFalse(client.toString().contains(SECRET));
        assertEquals(Set.of(GrantType.CLIENT_CREDENTIALS, GrantType.REFRESH_TOKEN), client.grantTypes());
        assertEquals(Set.of("reports:read", "reports:write"), client.scopes());
        assertTrue(client.skipConsent());
        assertEquals(Optional.of(Duration.ofDays(30)), client.refreshTokenLifetime());
        assertEquals("Reporting service", client.name());
    }

    @Test
    void environmentVariablesListedByLibertyInDottedFormDeclareTheListedClientOnce() {
        // TOLLGATE_CLIENTS_IDS=ops-ci, TOLLGATE_CLIENTS_OPS_CI_SECRET, _GRANTS, _REDIRECT_URIS: MicroProfile Config
        // finds each value under its real name; Liberty lists the names lower case with dots.
        Map<String, String> values = Map.of(
                "tollgate.clients.ids", "ops-ci",
                "tollgate.clients.ops-ci.secret", SECRET,
                "tollgate.clients.ops-ci.grants", "authorization_code",
                "tollgate.clients.ops-ci.redirect-uris", "https://ops.example.com/callback");
        Set<String> listedNames = Set.of("tollgate.clients.ids", "tollgate.clients.ops.ci.secret",
                "tollgate.clients.ops.ci.grants", "tollgate.clients.ops.ci.redirect.uris");

        List<ClientDefinition> clients = load(values, listedNames);

        assertEquals(1, clients.size(), "one client, not also one named ops.ci");
        assertEquals("ops-ci", clients.get(0).id().value());
        assertEquals(List.of("https://ops.example.com/callback"), clients.get(0).redirectUris());
    }

    @Test
    void unknownAttributeInDottedFormIsStillRefusedWithItsName() {
        Map<String, String> values = Map.of("tollgate.clients.web.secret", SECRET);
        Set<String> names = Set.of("tollgate.clients.web.secret", "tollgate.clients.web.redirect.url");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(values, names));

        assertTrue(e.getMessage().contains("tollgate.clients.web.redirect.url"), e.getMessage());
    }

    @Test
    void dpopBoundAccessTokensAttributeIsRead() {
        Map<String, String> keys = Map.of(
                "tollgate.clients.bound.secret", SECRET,
                "tollgate.clients.bound.grants", "client_credentials",
                "tollgate.clients.bound.dpop-bound-access-tokens", "true",
                "tollgate.clients.plain.secret", SECRET,
                "tollgate.clients.plain.grants", "client_credentials");

        List<ClientDefinition> clients = load(keys, keys.keySet());

        assertTrue(clients.stream().filter(c -> c.id().value().equals("bound")).findFirst().orElseThrow()
                .dpopBoundAccessTokens());
        assertFalse(clients.stream().filter(c -> c.id().value().equals("plain")).findFirst().orElseThrow()
                .dpopBoundAccessTokens());
    }

    @Test
    void privateKeyJwtClientDeclaresItsPublicKeysAndNoSecret() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        Map<String, String> keys = Map.of(
                "tollgate.clients.keyed.token-endpoint-auth-method", "private_key_jwt",
                "tollgate.clients.keyed.jwks", new JWKSet(key.toPublicJWK()).toString(),
                "tollgate.clients.keyed.grants", "client_credentials",
                "tollgate.clients.keyed.require-pushed-authorization-requests", "true");

        ClientDefinition client = load(keys, keys.keySet()).get(0);

        assertEquals(Optional.of(ClientAuthMethod.PRIVATE_KEY_JWT), client.authMethod());
        assertTrue(client.secretHash().isEmpty());
        assertTrue(client.confidential());
        assertTrue(client.requirePushedRequests());
        assertEquals("k1", JWKSet.parse(client.jwks().orElseThrow()).getKeys().get(0).getKeyID());
    }

    @Test
    void privateKeyJwtClientWithPrivateKeySecretOrNoKeysFailsNamingTheKey() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        assertFailsOn("tollgate.clients.keyed.jwks", Map.of(
                "tollgate.clients.keyed.token-endpoint-auth-method", "private_key_jwt",
                "tollgate.clients.keyed.jwks", new JWKSet(key).toString(false),
                "tollgate.clients.keyed.grants", "client_credentials"));
        assertFailsOn("tollgate.clients.keyed.token-endpoint-auth-method", Map.of(
                "tollgate.clients.keyed.token-endpoint-auth-method", "private_key_jwt",
                "tollgate.clients.keyed.secret", SECRET,
                "tollgate.clients.keyed.jwks", new JWKSet(key.toPublicJWK()).toString(),
                "tollgate.clients.keyed.grants", "client_credentials"));
        assertFailsOn("tollgate.clients.keyed.jwks", Map.of(
                "tollgate.clients.keyed.token-endpoint-auth-method", "private_key_jwt",
                "tollgate.clients.keyed.grants", "client_credentials"));
    }

    @Test
    void idsKeyDeclaresClientsWhoseKeysCannotBeListed() {
        // As from environment variables: nothing in the property names, only tollgate.clients.ids.
        Map<String, String> keys = Map.of(
                DeclaredClients.IDS_KEY, "svc-a, svc-b",
                "tollgate.clients.svc-a.secret", SECRET,
                "tollgate.clients.svc-a.grants", "client_credentials",
                "tollgate.clients.svc-b.public", "true",
                "tollgate.clients.svc-b.grants", "password");

        List<ClientDefinition> clients = load(keys, Set.of());

        assertEquals(List.of(new ClientId("svc-a"), new ClientId("svc-b")),
                clients.stream().map(ClientDefinition::id).toList());
        assertEquals("svc-b", clients.get(1).name(), "the name defaults to the id");
    }

    @Test
    void unknownAttributeFailsNamingTheKey() {
        Map<String, String> keys = Map.of("tollgate.clients.web.redirect-uri", "https://a.example/cb");

        assertEquals("tollgate.clients.web.redirect-uri",
                assertThrows(ConfigurationException.class, () -> load(keys, keys.keySet())).key());
    }

    @Test
    void invalidDeclarationsFailNamingTheKey() {
        assertFailsOn("tollgate.clients.web.secret", Map.of("tollgate.clients.web.grants", "password"));
        assertFailsOn("tollgate.clients.web.grants", Map.of("tollgate.clients.web.secret", SECRET));
        assertFailsOn("tollgate.clients.web.grants", Map.of("tollgate.clients.web.public", "true",
                "tollgate.clients.web.grants", "client_credentials"));
        assertFailsOn("tollgate.clients.web.grants", Map.of("tollgate.clients.web.secret", SECRET,
                "tollgate.clients.web.grants", "implicit"));
        assertFailsOn("tollgate.clients.web.public", Map.of("tollgate.clients.web.public", "true",
                "tollgate.clients.web.secret", SECRET, "tollgate.clients.web.grants", "password"));
        assertFailsOn("tollgate.clients.web.redirect-uris", Map.of("tollgate.clients.web.public", "true",
                "tollgate.clients.web.grants", "authorization_code"));
        assertFailsOn("tollgate.clients.web.redirect-uris", Map.of("tollgate.clients.web.public", "true",
                "tollgate.clients.web.grants", "authorization_code",
                "tollgate.clients.web.redirect-uris", "https://a.example/cb#x"));
        assertFailsOn("tollgate.clients.web.global", Map.of("tollgate.clients.web.secret", SECRET,
                "tollgate.clients.web.grants", "password", "tollgate.clients.web.global", "yes"));
        assertFailsOn("tollgate.clients.web.access-token-lifetime", Map.of("tollgate.clients.web.secret", SECRET,
                "tollgate.clients.web.grants", "password", "tollgate.clients.web.access-token-lifetime", "soon"));
        assertFailsOn("tollgate.clients.web.secret-sha256", Map.of("tollgate.clients.web.secret-sha256", "abc",
                "tollgate.clients.web.grants", "client_credentials"));
    }

    @Test
    void shortSecretFailsWithoutRepeatingIt() {
        Map<String, String> keys = Map.of("tollgate.clients.web.secret", "tooShort",
                "tollgate.clients.web.grants", "client_credentials");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(keys, keys.keySet()));

        assertEquals("tollgate.clients.web.secret", e.key());
        assertFalse(e.getMessage().contains("tooShort"));
    }

    @Test
    void aClientDeclaredInTheFileAndInKeysFails() throws IOException {
        Map<String, String> keys = new HashMap<>(Map.of("tollgate.clients.reporting.secret", SECRET,
                "tollgate.clients.reporting.grants", "client_credentials"));
        keys.put(DeclaredClients.FILE_KEY, file(DOCUMENTED_FILE));

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(keys, keys.keySet()));

        assertTrue(e.key().startsWith("tollgate.clients.reporting"), e.key());
    }

    @Test
    void fileMistakesFailNamingTheFileKeyAndTheMember() throws IOException {
        assertFileFails("{\"clients\": {\"web\": {\"grants\": \"password\", \"public\": true}}}",
                "clients.web.grants");
        assertFileFails("{\"clients\": {\"web\": {\"grants\": [\"password\"], \"public\": \"true\"}}}",
                "clients.web.public");
        assertFileFails("{\"clients\": {\"web\": {\"grants\": [\"password\"], \"colour\": \"red\"}}}",
                "clients.web.colour");
        assertFileFails("{\"clients\": [{\"id\": \"web\"}]}", "clients");
        assertFileFails("{\"client\": {}}", "client");
        assertFileFails("{not json", "JSON");
        ConfigurationException missing = assertThrows(ConfigurationException.class,
                () -> load(Map.of(DeclaredClients.FILE_KEY, dir.resolve("absent.json").toString()), Set.of()));
        assertEquals(DeclaredClients.FILE_KEY, missing.key());
    }

    @Test
    void fileSecretIsNeverRepeatedInAnError() throws IOException {
        String json = "{\"clients\": {\"svc\": {\"secret\": \"" + SECRET + "\", \"grants\": [\"implicit\"]}}}";

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> load(Map.of(DeclaredClients.FILE_KEY, file(json)), Set.of()));

        assertFalse(e.getMessage().contains(SECRET));
        assertTrue(e.getMessage().contains("clients.svc.grants"));
    }

    @Test
    void nothingDeclaredIsAnEmptyListAndOutboundClientKeysAreNotDeclarations() {
        Map<String, String> keys = Map.of("tollgate.gate.issuer", "https://issuer.example",
                "tollgate.client.billing.token-url", "https://issuer.example/oauth2/token");

        assertEquals(List.of(), load(keys, keys.keySet()));
    }

    @Test
    void declaredTokenEndpointAuthMethodIsKeptAndChecked() {
        Map<String, String> keys = Map.of("tollgate.clients.svc.secret", SECRET,
                "tollgate.clients.svc.grants", "client_credentials",
                "tollgate.clients.svc.token-endpoint-auth-method", "client_secret_post");

        assertEquals(Optional.of(ClientAuthMethod.CLIENT_SECRET_POST), load(keys, keys.keySet()).get(0).authMethod());
        assertFailsOn("tollgate.clients.svc.token-endpoint-auth-method", Map.of("tollgate.clients.svc.secret", SECRET,
                "tollgate.clients.svc.grants", "client_credentials",
                "tollgate.clients.svc.token-endpoint-auth-method", "private_key_jwt"));
        assertFailsOn("tollgate.clients.svc.token-endpoint-auth-method", Map.of("tollgate.clients.svc.secret", SECRET,
                "tollgate.clients.svc.grants", "client_credentials",
                "tollgate.clients.svc.token-endpoint-auth-method", "none"));
    }

    @Test
    void declaredNameWithBidiCharactersFailsNamingTheKey() {
        assertFailsOn("tollgate.clients.svc.name", Map.of("tollgate.clients.svc.secret", SECRET,
                "tollgate.clients.svc.grants", "client_credentials", "tollgate.clients.svc.name", "Pay\u202Elapyap"));
    }

    private void assertFileFails(String json, String fragment) throws IOException {
        String path = file(json);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> load(Map.of(DeclaredClients.FILE_KEY, path), Set.of()), json);
        assertEquals(DeclaredClients.FILE_KEY, e.key());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private static void assertFailsOn(String key, Map<String, String> keys) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> load(keys, keys.keySet()),
                keys.toString());
        assertEquals(key, e.key(), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    private static List<ClientDefinition> load(Map<String, String> keys, Set<String> propertyNames) {
        return DeclaredClients.load(ConfigSource.of(keys), propertyNames);
    }

    private String file(String json) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "clients", ".json"), json).toString();
    }
}
