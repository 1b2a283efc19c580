package dev.tollgate.impl.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.gate.BearerChallenge;
import dev.tollgate.impl.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessControlFilterTest {

    private static final AccessRule REPORTS = new AccessRule(false, List.of(), List.of("reports:read", "reports:export"),
            true);
    private static final AccessRule ADMIN = new AccessRule(false, List.of("admin", "ops"), List.of(), true);
    private static final AccessRule ANY_AUTHENTICATED = new AccessRule(false, List.of("**"), List.of(), true);
    private static final AccessRule DENY_ALL = new AccessRule(true, List.of(), List.of(), false);

    private static Caller caller(Set<String> scopes, Set<String> roles) {
        return Caller.of("alice@example.com", "demo-client", scopes, roles, CredentialKind.JWT,
                Instant.parse("2030-01-01T00:00:00Z"));
    }

    private static Fakes.RequestContext request(Caller caller) {
        Fakes.RequestContext request = new Fakes.RequestContext();
        if (caller != null) {
            request.properties.put(Caller.REQUEST_ATTRIBUTE, caller);
            request.security = Fakes.securityContext(caller.isAnonymous() ? null : caller, caller.roles());
        }
        return request;
    }

    private static Response filter(AccessRule rule, Fakes.RequestContext request) {
        new AccessControlFilter(rule).filter(request.context());
        return request.aborted;
    }

    private static void assertProblem(Response response, int status, ProblemType type) {
        assertEquals(status, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Map<String, Object> body = Fakes.json(response);
        assertEquals(type.type().toString(), body.get("type"));
        assertEquals(status, ((Number) body.get("status")).intValue());
        assertEquals("/api/reports", body.get("instance"));
    }

    @Test
    void callerWithEveryScopePasses() {
        assertNull(filter(REPORTS, request(caller(Set.of("reports:read", "reports:export", "openid"), Set.of()))));
    }

    @Test
    void anonymousCallerIsRefused401WithABareBearerChallenge() {
        Response response = filter(REPORTS, request(Caller.anonymous()));

        assertProblem(response, 401, ProblemType.MISSING_CREDENTIALS);
        assertEquals("Bearer realm=\"tollgate\"", response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void requestTheGateNeverSawIsRefused401() {
        assertProblem(filter(ADMIN, request(null)), 401, ProblemType.MISSING_CREDENTIALS);
    }

    @Test
    void forbiddenDpopCallerIsChallengedInTheDpopSchemeWithTheResourceMetadata() {
        Fakes.RequestContext request = request(caller(Set.of("reports:read"), Set.of()));
        request.properties.put(BearerChallenge.SCHEME_ATTRIBUTE, BearerChallenge.DPOP_SCHEME);
        request.properties.put(BearerChallenge.RESOURCE_METADATA_ATTRIBUTE,
                "https://api.example.com/.well-known/oauth-protected-resource");

        Response response = filter(REPORTS, request);

        assertProblem(response, 403, ProblemType.INSUFFICIENT_SCOPE);
        // RFC 9449 §7.1: the scheme the client used; RFC 9728 §5.1: every 403 names the metadata
        assertEquals("DPoP realm=\"tollgate\", error=\"insufficient_scope\", error_description=\""
                + AccessControlFilter.SCOPE_DESCRIPTION + "\", scope=\"reports:read reports:export\","
                + " resource_metadata=\""
                + "https://api.example.com/.well-known/oauth-protected-resource\"",
                response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void challengeUsesTheRealmTheGateLeft() {
        Fakes.RequestContext request = request(Caller.anonymous());
        request.properties.put(BearerChallenge.REALM_ATTRIBUTE, "demo-api");

        Response response = filter(REPORTS, request);

        assertEquals("Bearer realm=\"demo-api\"", response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void missingScopeIsRefused403WithInsufficientScopeNamingEveryRequiredScope() {
        Response response = filter(REPORTS, request(caller(Set.of("reports:read"), Set.of("admin"))));

        assertProblem(response, 403, ProblemType.INSUFFICIENT_SCOPE);
        String challenge = response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
        assertTrue(challenge.startsWith("Bearer realm=\"tollgate\", error=\"insufficient_scope\", error_description=\""),
                challenge);
        assertTrue(challenge.endsWith(", scope=\"reports:read reports:export\""), challenge);
    }

    @Test
    void callerWithOneOfTheAllowedRolesPasses() {
        assertNull(filter(ADMIN, request(caller(Set.of(), Set.of("ops")))));
    }

    @Test
    void missingRoleIsRefused403WithInsufficientScopeChallengeWithoutScope() {
        Response response = filter(ADMIN, request(caller(Set.of("reports:read"), Set.of("user"))));

        assertProblem(response, 403, ProblemType.INSUFFICIENT_ROLE);
        String challenge = response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
        assertTrue(challenge.startsWith("Bearer realm=\"tollgate\", error=\"insufficient_scope\""), challenge);
        assertFalse(challenge.contains(", scope="), challenge);
    }

    @Test
    void roleGrantedOnlyByTheSecurityContextCounts() {
        Fakes.RequestContext request = request(caller(Set.of(), Set.of()));
        request.security = Fakes.securityContext(() -> "alice@example.com", Set.of("admin"));

        assertNull(filter(ADMIN, request));
    }

    @Test
    void anyAuthenticatedRoleAdmitsEveryAuthenticatedCallerOnly() {
        assertNull(filter(ANY_AUTHENTICATED, request(caller(Set.of(), Set.of()))));
        assertProblem(filter(ANY_AUTHENTICATED, request(Caller.anonymous())), 401, ProblemType.MISSING_CREDENTIALS);
    }

    @Test
    void denyAllRefusesEvenAFullyPrivilegedCaller() {
        Response response = filter(DENY_ALL, request(caller(Set.of("reports:read"), Set.of("admin"))));

        assertProblem(response, 403, ProblemType.INSUFFICIENT_ROLE);
    }

    @Test
    void containerAuthenticatedPrincipalWithoutGateCallerIsAuthenticatedButHasNoScopes() {
        Fakes.RequestContext request = request(null);
        Principal principal = () -> "container-user";
        request.security = Fakes.securityContext(principal, Set.of("admin"));

        assertNull(filter(ADMIN, request));
        assertProblem(filter(REPORTS, request), 403, ProblemType.INSUFFICIENT_SCOPE);
    }
}
