package dev.tollgate.impl.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Claim paths, in the shapes the major issuers use, against claims as Nimbus parses them. */
class ClaimPathTest {

    /** One token's claims, with the roles and scopes of Keycloak, Zitadel, Entra ID, Auth0 and Okta at once. */
    static final Map<String, Object> CLAIMS = json("""
            {"sub": "alice",
             "scope": "openid email profile",
             "scp": ["orders.read", "orders.write"],
             "roles": ["Task.Write"],
             "groups": ["Everyone", "ops"],
             "realm_access": {"roles": ["offline_access", "admin"]},
             "resource_access": {
               "orders-api": {"roles": ["orders-admin", "orders-viewer"]},
               "my.app": {"roles": ["dotted-client-role"]},
               "account": {"roles": ["manage-account"]}},
             "urn:zitadel:iam:org:project:roles": {
               "editor": {"2291": "acme.example"},
               "viewer": {"2291": "acme.example"}},
             "https://example.com/roles": ["auth0-admin"],
             "https://example.com": {"roles": ["not-this-one"]},
             "exp": 1700000000,
             "count": 7,
             "flags": [true, 3, "flag", ["nested"], {"k": "v"}]}
            """);

    static Map<String, Object> json(String text) {
        try {
            return JSONObjectUtils.parse(text);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> names(String path) {
        Set<String> names = new LinkedHashSet<>();
        ClaimPath.parse(path).collect(CLAIMS, names);
        return names;
    }

    @Test
    void topLevelArrayGivesItsStrings() {
        assertEquals(Set.of("Task.Write"), names("roles"));
        assertEquals(Set.of("Everyone", "ops"), names("groups"));
        assertEquals(Set.of("orders.read", "orders.write"), names("scp"), "Okta's scp array");
    }

    @Test
    void topLevelStringGivesItsSpaceSeparatedWords() {
        assertEquals(Set.of("openid", "email", "profile"), names("scope"));
    }

    @Test
    void nestedObjectsAreWalked() {
        assertEquals(Set.of("offline_access", "admin"), names("realm_access.roles"), "Keycloak realm roles");
        assertEquals(Set.of("orders-admin", "orders-viewer"), names("resource_access.orders-api.roles"),
                "Keycloak client roles, explicit client");
    }

    @Test
    void clientPlaceholderIsReplacedByTheClientId() {
        ClaimPath path = ClaimPath.parse("resource_access.{client}.roles");
        Set<String> names = new LinkedHashSet<>();

        assertTrue(path.usesClient());
        path.withClient("orders-api").collect(CLAIMS, names);

        assertEquals(Set.of("orders-admin", "orders-viewer"), names);
        assertFalse(path.withClient("orders-api").usesClient());
    }

    @Test
    void clientIdWithDotsStaysOneClaimName() {
        Set<String> names = new LinkedHashSet<>();

        ClaimPath.parse("resource_access.{client}.roles").withClient("my.app").collect(CLAIMS, names);

        assertEquals(Set.of("dotted-client-role"), names);
    }

    @Test
    void objectGivesItsKeys() {
        assertEquals(Set.of("editor", "viewer"), names("urn:zitadel:iam:org:project:roles"),
                "Zitadel: colons need no brackets, and the roles are the object's keys");
    }

    @Test
    void bracketedNameMayContainDots() {
        assertEquals(Set.of("auth0-admin"), names("[https://example.com/roles]"), "an Auth0 namespaced claim");
        assertEquals(Set.of("not-this-one"), names("[https://example.com].roles"));
    }

    @Test
    void onlyStringElementsOfAnArrayCount() {
        assertEquals(Set.of("flag"), names("flags"));
    }

    @Test
    void anythingElseGivesNothing() {
        for (String path : List.of("count", "exp", "missing", "realm_access.missing", "roles.deeper", "sub.x",
                "scope.openid", "resource_access.{client}.roles")) {
            Set<String> names = new LinkedHashSet<>();
            boolean found = ClaimPath.parse(path).collect(CLAIMS, names);
            assertEquals(Set.of(), names, path);
            assertFalse(found, path);
        }
    }

    @Test
    void pathThatLeadsToAnEmptyArrayFoundItsClaim() {
        Set<String> names = new LinkedHashSet<>();

        assertTrue(ClaimPath.parse("roles").collect(Map.of("roles", List.of()), names));
        assertEquals(Set.of(), names);
    }

    @Test
    void toStringGivesThePathBackWithBracketsWhereNeeded() {
        for (String path : List.of("roles", "realm_access.roles", "resource_access.{client}.roles",
                "[https://example.com/roles]", "urn:zitadel:iam:org:project:roles", "[a.b].c.[d.e]")) {
            assertEquals(path, ClaimPath.parse(path).toString());
            assertEquals(ClaimPath.parse(path), ClaimPath.parse(ClaimPath.parse(path).toString()));
        }
        assertEquals("a.b", ClaimPath.parse("[a].[b]").toString(), "brackets only where a name needs them");
        assertEquals(List.of("realm_access", "roles"), ClaimPath.parse("  realm_access.roles ").segments());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "a.", ".a", "a..b", "[a", "[]", "a[b]", "[a]b", "[a.[b]]", "a.]",
        "https://example.com/roles", "x.https://a.example/y"})
    void malformedPathIsRefused(String path) {
        assertThrows(IllegalArgumentException.class, () -> ClaimPath.parse(path));
    }

    @Test
    void urlLikeNameWithoutDotsNeedsNoBrackets() {
        assertEquals(List.of("https://example/roles"), ClaimPath.parse("https://example/roles").segments());
    }
}
