package dev.tollgate.impl.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.impl.testing.LogCapture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class CallerMapperTest {

    static CallerMapper mapper(List<String> roles, List<String> scopes) {
        return new CallerMapper(new ClaimMapping(roles.stream().map(ClaimPath::parse).toList(),
                scopes.stream().map(ClaimPath::parse).toList()));
    }

    static Caller caller(CallerMapper mapper, Map<String, Object> claims) {
        return mapper.toCaller(claims, CredentialKind.JWT).orElseThrow();
    }

    @Test
    void byDefaultScopesAreNotRoles() {
        Caller caller = caller(new CallerMapper(ClaimMapping.defaults()), Map.of("sub", "alice",
                "scope", "email profile admin", "roles", List.of("reader"), "groups", List.of("ops")));

        assertEquals(Set.of("email", "profile", "admin"), caller.scopes());
        assertEquals(Set.of("reader", "ops"), caller.roles());
        assertFalse(caller.hasRole("admin"), "a scope named admin is not the role admin");
        assertFalse(caller.hasRole("email"));
    }

    @Test
    void scopeAmongTheRolesPathsOptsBackIn() {
        Caller caller = caller(mapper(List.of("roles", "groups", "scope"), ClaimMapping.DEFAULT_SCOPES),
                Map.of("sub", "alice", "scope", "email admin"));

        assertTrue(caller.hasRole("admin"));
        assertEquals(Set.of("email", "admin"), caller.scopes());
    }

    @Test
    void defaultScopesComeFromScopeAndScp() {
        assertEquals(Set.of("a", "b"), caller(new CallerMapper(ClaimMapping.defaults()),
                Map.of("sub", "x", "scp", "a b")).scopes(), "Entra ID: a space-separated scp");
        assertEquals(Set.of("a", "b"), caller(new CallerMapper(ClaimMapping.defaults()),
                Map.of("sub", "x", "scp", List.of("a", "b"))).scopes(), "Okta: an scp array");
    }

    @Test
    void namesOfEveryPathAreMerged() {
        Caller caller = caller(mapper(List.of("realm_access.roles", "resource_access.orders-api.roles"),
                List.of("scope")), Map.of("sub", "svc",
                "realm_access", Map.of("roles", List.of("offline_access")),
                "resource_access", Map.of("orders-api", Map.of("roles", List.of("orders-admin")))));

        assertEquals(Set.of("offline_access", "orders-admin"), caller.roles());
    }

    @Test
    void pathFindingNothingIsReportedOnceAtFineWithClaimNamesButNoValues() {
        CallerMapper mapper = mapper(List.of("realm_access.roles"), List.of("scope"));
        try (LogCapture logs = new LogCapture()) {
            caller(mapper, Map.of("sub", "secret-subject-value", "scope", "read", "azp", "spa"));
            caller(mapper, Map.of("sub", "other", "scope", "read"));

            List<String> reports = logs.lines().stream().filter(line -> line.contains("realm_access.roles")).toList();
            assertEquals(1, reports.size(), reports::toString);
            assertTrue(logs.has(Level.FINE, "[azp, scope, sub]"), logs.all());
            assertFalse(logs.all().contains("secret-subject-value"), "claim values are never logged");
        }
    }

    @Test
    void introspectionAnswerWithoutSubjectFallsBackToUsernameThenClientId() {
        CallerMapper mapper = new CallerMapper(ClaimMapping.defaults());

        assertEquals("bob", mapper.toCaller(Map.of("username", "bob", "client_id", "app"),
                CredentialKind.OPAQUE_TOKEN).orElseThrow().subject());
        assertEquals("app", mapper.toCaller(Map.of("client_id", "app"), CredentialKind.OPAQUE_TOKEN)
                .orElseThrow().subject());
        assertTrue(mapper.toCaller(Map.of("client_id", "app"), CredentialKind.JWT).isEmpty());
    }
}
