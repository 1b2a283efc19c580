package dev.tollgate.impl.server.authorize;

import static dev.tollgate.impl.server.authorize.AuthorizeFixtures.ISSUER;
import static dev.tollgate.impl.server.authorize.AuthorizeFixtures.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.audit.AuditEvent;
import dev.tollgate.impl.server.audit.AuditEventStore;
import dev.tollgate.impl.server.audit.AuditEventType;
import dev.tollgate.impl.server.audit.AuditQuery;
import dev.tollgate.impl.server.audit.AuditSettings;
import dev.tollgate.impl.server.audit.AuditTrail;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Remembered consent and the service's approve/deny, on a real database. */
abstract class ConsentTests extends DatabaseTest {

    static final ClientId WEB = new ClientId("web");
    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    private ConsentStore consents;
    private AuthorizationService service;
    private Client web = AuthorizeFixtures.webApp();
    private final Client trusted = AuthorizeFixtures.client("trusted", List.of(AuthorizeFixtures.REDIRECT),
            Set.of(GrantType.AUTHORIZATION_CODE), true);

    @BeforeEach
    void createServices() {
        consents = new ConsentStore(dataSource(), clock);
        Map<ClientId, Client> clients = Map.of(web.id(), web, trusted.id(), trusted);
        service = new AuthorizationService(new AuthorizationRequests(id -> Optional.ofNullable(clients.get(id))),
                consents, new AuthorizationCodes(new AuthorizationCodeStore(dataSource()), new SecretGenerator(),
                Duration.ofSeconds(60), clock), new ScopeDescriptions(ConfigSource.of(Map.of(
                "tollgate.scopes.items:read.description", "Read your items"))));
    }

    private Scopes scopes(String value) {
        return Scopes.parse(value).orElseThrow();
    }

    @Test
    void grantAndRevokeWhenAuditedThenEachRecordedWithUserAndClient() {
        AuditEventStore events = new AuditEventStore(dataSource());
        ConsentStore audited = new ConsentStore(dataSource(), clock, new AuditTrail(events, AuditSettings.defaults(),
                clock, caller -> Optional.empty()));
        audited.grant("alice-id", WEB, scopes("openid profile"));
        audited.revoke("alice-id", WEB);
        audited.revoke("alice-id", WEB);

        List<AuditEvent> recorded = events.find(AuditQuery.all()).items();

        assertEquals(2, recorded.size(), "nothing to revoke the second time: no event");
        AuditEvent revoked = recorded.stream().filter(e -> e.type() == AuditEventType.CONSENT_REVOKED).findFirst()
                .orElseThrow();
        AuditEvent granted = recorded.stream().filter(e -> e.type() == AuditEventType.CONSENT_GRANTED).findFirst()
                .orElseThrow();
        assertEquals("alice-id", granted.subject());
        assertEquals("alice-id", granted.actor());
        assertEquals("web", granted.client());
        assertEquals(Map.of("scope", "openid profile"), granted.detail());
        assertEquals("alice-id", revoked.subject());
        assertEquals("web", revoked.client());
    }

    @Test
    void isGrantedWhenSameScopeSetInAnyOrderThenTrue() {
        consents.grant("alice", WEB, scopes("openid profile"));
        assertTrue(consents.isGranted("alice", WEB, scopes("profile openid")));
    }

    @Test
    void isGrantedWhenSubsetSupersetOtherUserOrClientThenFalse() {
        consents.grant("alice", WEB, scopes("openid profile"));
        assertFalse(consents.isGranted("alice", WEB, scopes("openid")));
        assertFalse(consents.isGranted("alice", WEB, scopes("openid profile items:read")));
        assertFalse(consents.isGranted("bob", WEB, scopes("openid profile")));
        assertFalse(consents.isGranted("alice", new ClientId("other"), scopes("openid profile")));
    }

    @Test
    void grantWhenRepeatedThenStillOneConsent() {
        consents.grant("alice", WEB, scopes("openid"));
        clock.advance(Duration.ofMinutes(1));
        consents.grant("alice", WEB, scopes("openid"));
        assertEquals(1, consents.revoke("alice", WEB));
        assertFalse(consents.isGranted("alice", WEB, scopes("openid")));
    }

    @Test
    void listOfWhenSeveralClientsAndSetsThenTheUsersOnlyByClientThenScope() {
        consents.grant("alice", WEB, scopes("openid profile"));
        clock.advance(Duration.ofMinutes(1));
        consents.grant("alice", WEB, scopes("openid"));
        consents.grant("alice", new ClientId("another"), Scopes.NONE);
        consents.grant("bob", WEB, scopes("openid"));

        List<ConsentStore.Consent> alice = consents.listOf("alice");
        assertEquals(List.of("another", "web", "web"), alice.stream().map(c -> c.clientId().value()).toList());
        assertEquals(List.of("", "openid", "openid profile"), alice.stream().map(c -> c.scope().value()).toList());
        assertEquals(clock.instant(), alice.get(1).grantedAt());
        assertEquals(List.of(), consents.listOf("carol"));
    }

    @Test
    void grantWhenEmptyScopeSetThenRemembered() {
        consents.grant("alice", WEB, Scopes.NONE);
        assertTrue(consents.isGranted("alice", WEB, Scopes.NONE));
    }

    @Test
    void consentRequiredUntilApprovedWithRememberThenNotAgain() {
        AuthorizationValidation.Valid valid = assertInstanceOf(AuthorizationValidation.Valid.class,
                service.validate(params().build(), ISSUER));
        assertTrue(service.consentRequired(valid.client(), valid.request(), "alice"));
        URI location = service.approve(valid.request(), "alice", clock.instant(), ISSUER, true);
        Map<String, String> query = AuthorizationRequestsTest.query(location);
        assertEquals(43, query.get("code").length());
        assertEquals("xyz", query.get("state"));
        assertEquals(ISSUER.value(), query.get("iss"));
        assertFalse(service.consentRequired(valid.client(), valid.request(), "alice"));
        assertTrue(service.consentRequired(valid.client(), valid.request(), "bob"));
    }

    @Test
    void consentRequiredWhenClientSkipsConsentThenFalse() {
        AuthorizationValidation.Valid valid = assertInstanceOf(AuthorizationValidation.Valid.class,
                service.validate(params().set("client_id", "trusted").build(), ISSUER));
        assertFalse(service.consentRequired(valid.client(), valid.request(), "alice"));
    }

    @Test
    void denyThenAccessDeniedWithStateAndIss() {
        AuthorizationValidation.Valid valid = assertInstanceOf(AuthorizationValidation.Valid.class,
                service.validate(params().build(), ISSUER));
        Map<String, String> query = AuthorizationRequestsTest.query(service.deny(valid.request(), ISSUER));
        assertEquals("access_denied", query.get("error"));
        assertEquals("xyz", query.get("state"));
        assertEquals(ISSUER.value(), query.get("iss"));
        assertFalse(query.containsKey("code"));
    }

    @Test
    void describeUsesConfiguredBuiltInAndFallbackDescriptions() {
        List<AuthorizationService.ScopeView> views = service.describe(scopes("openid items:read custom"));
        assertEquals(List.of("custom", "items:read", "openid"), views.stream().map(v -> v.scope()).toList());
        assertTrue(views.get(0).description().contains("custom"));
        assertEquals("Read your items", views.get(1).description());
        assertEquals(ScopeDescriptions.BUILT_IN.get("openid"), views.get(2).description());
    }
}
