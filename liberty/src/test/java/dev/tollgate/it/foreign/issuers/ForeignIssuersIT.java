package dev.tollgate.it.foreign.issuers;

import static dev.tollgate.it.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSObject;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.it.foreign.support.Http;
import dev.tollgate.it.foreign.support.KeycloakServer;
import dev.tollgate.it.foreign.support.OidcProviderServer;
import dev.tollgate.it.foreign.support.Required;
import dev.tollgate.it.support.Problems;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gate with tokens of two real issuers that are not ours, each started once for the class: Keycloak 26 (realms
 * {@code orders} and {@code partners}, client credentials, realm and client roles) and node-oidc-provider 9 (JWT
 * access tokens for one API, opaque ones for two others, introspection). The gate runs in a plain embedded
 * container, one context per configuration:
 * <ul>
 *   <li>{@code /keycloak-defaults}: the {@code orders} realm, audience {@code orders-api}, nothing else set;</li>
 *   <li>{@code /keycloak}: the {@code orders} realm, audience {@code orders-api}, roles from
 *       {@code realm_access.roles} and {@code resource_access.{client}.roles} with client-id {@code orders-api};</li>
 *   <li>{@code /two-issuers}: {@code issuers.partners} (Keycloak's other realm, roles from the explicit path
 *       {@code resource_access.partner-api.roles}) and {@code issuers.op} (oidc-provider's JWTs for the orders API);</li>
 *   <li>{@code /introspection}: oidc-provider's opaque tokens by introspection, audience the reports API.</li>
 * </ul>
 */
class ForeignIssuersIT {

    static final String ORDERS_WORKER_SECRET = "orders-worker-secret-0123456789";
    static final String PARTNER_APP_SECRET = "partner-app-secret-0123456789";

    static KeycloakServer keycloak;
    static OidcProviderServer provider;
    static GatedContexts gate;

    @BeforeAll
    static void startIssuersAndGate() throws Exception {
        Path dir = Path.of(Required.property("it.foreign.dir"), "issuers");
        // Both launched before either is awaited: they start side by side.
        keycloak = KeycloakServer.launch(dir, Required.port(4));
        provider = OidcProviderServer.launch(dir, Required.port(6));
        provider.awaitReady();
        keycloak.awaitReady();

        gate = GatedContexts.start(Map.of(
                "/keycloak", Map.of(
                        "tollgate.gate.issuer", keycloak.issuer("orders"),
                        "tollgate.gate.audience", "orders-api",
                        "tollgate.gate.roles-claims", "realm_access.roles,resource_access.{client}.roles",
                        "tollgate.gate.client-id", "orders-api"),
                "/keycloak-defaults", Map.of(
                        "tollgate.gate.issuer", keycloak.issuer("orders"),
                        "tollgate.gate.audience", "orders-api"),
                "/two-issuers", Map.of(
                        // An unknown kid may refetch the keys at once: the rotation test asks within a second.
                        "tollgate.gate.jwks-refresh-cooldown", "100ms",
                        "tollgate.gate.issuers.partners.issuer", keycloak.issuer("partners"),
                        "tollgate.gate.issuers.partners.audience", "partner-api",
                        "tollgate.gate.issuers.partners.roles-claims",
                        "realm_access.roles,resource_access.partner-api.roles",
                        "tollgate.gate.issuers.op.issuer", provider.issuer(),
                        "tollgate.gate.issuers.op.audience", OidcProviderServer.ORDERS_API),
                "/introspection", Map.of(
                        "tollgate.gate.issuer", provider.issuer(),
                        "tollgate.gate.audience", OidcProviderServer.REPORTS_API,
                        "tollgate.gate.introspection.endpoint", provider.introspectionEndpoint(),
                        "tollgate.gate.introspection.client-id", OidcProviderServer.GATE_CLIENT,
                        "tollgate.gate.introspection.client-secret", OidcProviderServer.GATE_SECRET)));
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (gate != null) {
            gate.close();
        }
        if (provider != null) {
            provider.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void keycloakClientCredentialsTokenIsAccepted() {
        Map<String, Object> caller = ok(get("/keycloak", ordersToken()));

        assertEquals("orders-worker", caller.get("client_id"));
        assertFalse(((String) caller.get("subject")).isBlank());
    }

    @Test
    void keycloakRealmAndClientRolesAreMappedFromNestedClaims() {
        Map<String, Object> caller = ok(get("/keycloak?check=order-admin,orders.write,manage-account",
                ordersToken()));

        List<?> roles = (List<?>) caller.get("roles");
        assertTrue(roles.contains("order-admin"), () -> "realm role from realm_access.roles: " + roles);
        assertTrue(roles.contains("orders.write"), () -> "client role from resource_access.orders-api.roles: " + roles);
        // The roles of another client (Keycloak's "account") are not this API's.
        assertFalse(roles.contains("manage-account"), () -> "another client's role: " + roles);
        assertEquals(Map.of("order-admin", true, "orders.write", true, "manage-account", false),
                caller.get("in_role"));
    }

    /** With the default {@code roles-claims} ({@code roles,groups}): Keycloak's {@code scope} gives no roles. */
    @Test
    void keycloakScopesAreScopesNotRolesByDefault() {
        Map<String, Object> caller = ok(get("/keycloak-defaults?check=profile,email", ordersToken()));

        assertTrue(((List<?>) caller.get("scopes")).contains("profile"), () -> "scopes: " + caller.get("scopes"));
        assertFalse(((List<?>) caller.get("roles")).contains("profile"), () -> "roles: " + caller.get("roles"));
        assertEquals(Map.of("profile", false, "email", false), caller.get("in_role"));
    }

    @Test
    void tokenOfAnotherKeycloakRealmIsRefusedAsTokenIssuer() {
        HttpResponse<String> response = get("/keycloak", partnersToken());

        assertProblem(response, ProblemType.TOKEN_ISSUER);
        assertInvalidTokenChallenge(response);
    }

    @Test
    void tokenOfAnotherProductIsRefusedAsTokenIssuer() {
        HttpResponse<String> response = get("/keycloak", provider.token(OidcProviderServer.ORDERS_API, "orders:read"));

        assertProblem(response, ProblemType.TOKEN_ISSUER);
        assertInvalidTokenChallenge(response);
    }

    @Test
    void twoIssuersAreTrustedAtOnce() {
        Map<String, Object> partner = ok(get("/two-issuers?check=partner,catalog.read", partnersToken()));
        Map<String, Object> worker = ok(get("/two-issuers", provider.token(OidcProviderServer.ORDERS_API,
                "orders:read")));

        assertEquals("partner-app", partner.get("client_id"));
        assertEquals(Map.of("partner", true, "catalog.read", true), partner.get("in_role"),
                "realm role, and client role from the explicit path resource_access.partner-api.roles");
        assertEquals("orders-worker", worker.get("subject"));
        assertEquals(List.of("orders:read"), worker.get("scopes"));
    }

    @Test
    void tokenOfAnIssuerNotAmongTheTrustedOnesIsRefusedAsTokenIssuer() {
        HttpResponse<String> response = get("/two-issuers", ordersToken());

        assertProblem(response, ProblemType.TOKEN_ISSUER);
        assertInvalidTokenChallenge(response);
    }

    @Test
    void keyRotationAtKeycloakIsFollowedWithoutRestart() throws ParseException {
        String before = partnersToken();
        ok(get("/two-issuers", before));

        keycloak.rotateSigningKey("partners");
        String after = partnersToken();

        assertNotEquals(keyId(before), keyId(after), "Keycloak signs with the new key");
        ok(get("/two-issuers", after));
        ok(get("/two-issuers", before)); // the old key is still published, its tokens still good
    }

    @Test
    void opaqueTokenIsAcceptedByIntrospection() {
        String token = provider.token(OidcProviderServer.REPORTS_API, "reports:read");
        assertFalse(token.contains("."), "oidc-provider issues an opaque token for the reports API");

        Map<String, Object> caller = ok(get("/introspection", token));

        assertEquals("orders-worker", caller.get("client_id"));
        assertEquals(List.of("reports:read"), caller.get("scopes"));
    }

    @Test
    void opaqueTokenForAnotherApiIsRefusedAsTokenAudience() {
        HttpResponse<String> response = get("/introspection", provider.token(OidcProviderServer.BILLING_API,
                "billing:read"));

        assertProblem(response, ProblemType.TOKEN_AUDIENCE);
        assertInvalidTokenChallenge(response);
    }

    private static String ordersToken() {
        return keycloak.clientCredentialsToken("orders", "orders-worker", ORDERS_WORKER_SECRET);
    }

    private static String partnersToken() {
        return keycloak.clientCredentialsToken("partners", "partner-app", PARTNER_APP_SECRET);
    }

    private static String keyId(String jwt) throws ParseException {
        return JWSObject.parse(jwt).getHeader().getKeyID();
    }

    private static HttpResponse<String> get(String pathAndQuery, String token) {
        int query = pathAndQuery.indexOf('?');
        String context = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        String url = gate.url(context) + (query < 0 ? "" : pathAndQuery.substring(query));
        return Http.send(Http.request(url).header("Authorization", "Bearer " + token).GET().build());
    }

    private static Map<String, Object> ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response::body);
        return Problems.json(response);
    }

    private static void assertInvalidTokenChallenge(HttpResponse<String> response) {
        assertTrue(response.headers().allValues("WWW-Authenticate").stream()
                .anyMatch(value -> value.startsWith("Bearer ") && value.contains("error=\"invalid_token\"")),
                response.headers()::toString);
    }
}
