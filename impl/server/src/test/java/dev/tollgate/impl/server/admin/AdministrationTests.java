package dev.tollgate.impl.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.caller.ClientOwners;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.registration.RegistrationLimiter;
import dev.tollgate.impl.server.registration.RegistrationLimits;
import dev.tollgate.impl.server.registration.RegistrationStore;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.PageRequest;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserStore;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin users API and the service clients, on a real database (H2 and PostgreSQL). */
abstract class AdministrationTests extends DatabaseTest {

    private static final Caller ADMIN = user("root@example.com", "admin");
    private static final Caller ALICE = user("alice@example.com");
    private static final Caller BOB = user("bob@example.com");

    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    private final List<String> changed = new ArrayList<>();
    private UserStore users;
    private ClientStore clients;
    private RefreshTokenStore refreshTokens;
    private UserAdministration administration;
    private ServiceClients serviceClients;

    private static Caller user(String email, String... roles) {
        return Caller.of(email, null, Set.of(), Set.of(roles), CredentialKind.PLAIN_HEADERS, null);
    }

    @BeforeEach
    void createServices() {
        changed.clear();
        users = new UserStore(dataSource(), new PasswordHasher(1000), clock);
        clients = new ClientStore(dataSource(), clock);
        refreshTokens = new RefreshTokenStore(dataSource(), new SecretGenerator(), clock);
        administration = new UserAdministration(users, refreshTokens, changed::add);
        serviceClients = new ServiceClients(clients, new RegistrationStore(dataSource(), clients, clock),
                new SecretGenerator(), Set.of("read", "reports:read"), Duration.ofMinutes(10), changed::add,
                new RegistrationLimiter(dataSource(), RegistrationLimits.defaults(), clock),
                ClientOwners.of(users));
    }

    private static ProblemException problem(ProblemType type, org.junit.jupiter.api.function.Executable action) {
        ProblemException problem = assertThrows(ProblemException.class, action);
        assertEquals(type, problem.problemType());
        return problem;
    }

    @Test
    void createdUserCanLogInWithItsRoles() {
        User created = administration.create("Carol@Example.com", "carol-password", List.of("user", "auditor"));

        assertTrue(created.enabled());
        assertEquals("carol@example.com", created.loginName());
        assertEquals(created.id().toString(), created.subject());
        assertEquals(Set.of("user", "auditor"), created.roles());
        assertEquals(created, users.verifyPassword("carol@example.com", "carol-password".toCharArray()).orElseThrow());
    }

    @Test
    void everyInvalidFieldIsNamedInOneValidationProblem() {
        Map<String, List<String>> errors = problem(ProblemType.VALIDATION,
                () -> administration.create("not-an-email", "short", List.of("has space"))).errors();

        assertEquals(Set.of("email", "password", "roles"), errors.keySet());
        assertEquals(List.of("must have 8 to 1024 characters"), errors.get("password"));
        assertEquals(Set.of("email", "password"), problem(ProblemType.VALIDATION,
                () -> administration.create(null, null, null)).errors().keySet());
    }

    @Test
    void aTakenEmailInAnyCaseIsAConflict() {
        administration.create("dave@example.com", "dave-password", List.of());

        problem(ProblemType.CONFLICT, () -> administration.create("DAVE@example.com", "other-password", null));
    }

    @Test
    void listingPagesUsersOldestFirst() {
        for (int i = 0; i < 5; i++) {
            administration.create("user" + i + "@example.com", "password-" + i, List.of());
            clock.advance(Duration.ofSeconds(1));
        }

        var page = administration.list(new PageRequest(2, 2));
        assertEquals(5, page.total());
        assertEquals(List.of("user2@example.com", "user3@example.com"),
                page.items().stream().map(User::loginName).toList());
    }

    @Test
    void unknownOrMalformedIdsAreNotFound() {
        problem(ProblemType.NOT_FOUND, () -> administration.find("00000000-0000-0000-0000-000000000000"));
        problem(ProblemType.NOT_FOUND, () -> administration.find("1-2-3-4-5"));
        problem(ProblemType.NOT_FOUND, () -> administration.find("../etc/passwd"));
        problem(ProblemType.NOT_FOUND, () -> administration.disable(null, ADMIN));
    }

    @Test
    void disablingEndsThePasswordAndTheRefreshTokensAndTellsTheGate() {
        User erin = administration.create("erin@example.com", "erin-password", List.of());
        ClientId app = declaredClient();
        var refresh = refreshTokens.issue(app, erin.subject(), Set.of("read"), Duration.ofDays(1));

        User disabled = administration.disable(erin.id().toString(), ADMIN);

        assertFalse(disabled.enabled());
        assertTrue(users.verifyPassword("erin@example.com", "erin-password".toCharArray()).isEmpty());
        assertTrue(refreshTokens.find(refresh.token()).orElseThrow().revokedAt().isPresent());
        assertEquals(List.of(erin.subject(), "erin@example.com"), changed, "both names the gate may know her by");
        assertTrue(administration.enable(erin.id().toString()).enabled());
        assertTrue(users.verifyPassword("erin@example.com", "erin-password".toCharArray()).isPresent());
    }

    @Test
    void anAdminCannotDisableTheirOwnAccount() {
        User root = administration.create("root@example.com", "root-password", List.of("admin"));

        problem(ProblemType.CONFLICT, () -> administration.disable(root.id().toString(), ADMIN));
        assertTrue(administration.find(root.id().toString()).enabled());
    }

    @Test
    void rolesAreReplacedAndValidated() {
        User ivan = administration.create("ivan@example.com", "ivan-password", List.of("user"));

        User changed = administration.setRoles(ivan.id().toString(), List.of("auditor", "user"), ADMIN);

        assertEquals(Set.of("auditor", "user"), changed.roles());
        assertEquals(List.of(ivan.subject(), "ivan@example.com"), this.changed);
        assertEquals(Set.of(), administration.setRoles(ivan.id().toString(), List.of(), ADMIN).roles());
        assertEquals(Set.of("roles"), problem(ProblemType.VALIDATION,
                () -> administration.setRoles(ivan.id().toString(), List.of("bad role"), ADMIN)).errors().keySet());
        assertEquals(Set.of("roles"), problem(ProblemType.VALIDATION,
                () -> administration.setRoles(ivan.id().toString(), null, ADMIN)).errors().keySet());
    }

    @Test
    void anAdminWithABearerTokenIsRecognisedByTheOpaqueSubject() {
        User root = administration.create("root@example.com", "root-password", List.of("admin"));
        Caller rootToken = Caller.of(root.subject(), "console", Set.of(), Set.of("admin"), CredentialKind.JWT, null);

        problem(ProblemType.CONFLICT, () -> administration.disable(root.id().toString(), rootToken));
        problem(ProblemType.CONFLICT, () -> administration.setRoles(root.id().toString(), List.of(), rootToken));
    }

    @Test
    void aServiceClientBelongsToTheUserWhicheverCredentialTheyPresent() {
        User hank = administration.create("hank@example.com", "hank-password", List.of());
        ClientId id = serviceClients.create(user("hank@example.com"), "hank's job", null).client().id();
        Caller hankToken = Caller.of(hank.subject(), "console", Set.of(), Set.of(), CredentialKind.JWT, null);

        assertEquals("hank@example.com", clients.find(id).orElseThrow().owner().orElseThrow());
        serviceClients.rotateSecret(hankToken, id.value());
        ClientId second = serviceClients.create(hankToken, "hank's other job", null).client().id();
        assertEquals("hank@example.com", clients.find(second).orElseThrow().owner().orElseThrow());
        serviceClients.delete(user("hank@example.com"), second.value());
    }

    @Test
    void anAdminCannotTakeTheAdminRoleFromThemselves() {
        User root = administration.create("root@example.com", "root-password", List.of("admin"));

        problem(ProblemType.CONFLICT, () -> administration.setRoles(root.id().toString(), List.of("user"), ADMIN));
        assertEquals(Set.of("admin", "user"),
                administration.setRoles(root.id().toString(), List.of("admin", "user"), ADMIN).roles());
    }

    @Test
    void passwordResetReplacesThePasswordAndRevokesRefreshTokens() {
        User frank = administration.create("frank@example.com", "old-password", List.of());
        var refresh = refreshTokens.issue(declaredClient(), frank.subject(), Set.of(), Duration.ofDays(1));

        administration.resetPassword(frank.id().toString(), "new-password");

        assertTrue(users.verifyPassword("frank@example.com", "old-password".toCharArray()).isEmpty());
        assertTrue(users.verifyPassword("frank@example.com", "new-password".toCharArray()).isPresent());
        assertTrue(refreshTokens.find(refresh.token()).orElseThrow().revokedAt().isPresent());
        assertEquals(List.of(frank.subject(), "frank@example.com"), changed);
        assertEquals(Set.of("password"), problem(ProblemType.VALIDATION,
                () -> administration.resetPassword(frank.id().toString(), "short")).errors().keySet());
    }

    @Test
    void serviceClientIsAConfidentialClientCredentialsClientOwnedByItsCreator() {
        ServiceClients.Issued issued = serviceClients.create(ALICE, "nightly export", null);

        var client = clients.authenticate(issued.client().id(), issued.secret().reveal()).orElseThrow();
        assertEquals(Set.of(GrantType.CLIENT_CREDENTIALS), client.grantTypes());
        assertEquals(Set.of("read", "reports:read"), client.scopes());
        assertEquals("alice@example.com", client.owner().orElseThrow());
        assertEquals("nightly export", client.name());
        assertTrue(issued.previousSecretExpiresAt().isEmpty());
    }

    @Test
    void serviceClientScopesAreLimitedToTheServiceScopes() {
        assertEquals(Set.of("read"), serviceClients.create(ALICE, "reader", "read").client().scopes());
        Map<String, List<String>> errors = problem(ProblemType.VALIDATION,
                () -> serviceClients.create(ALICE, " ", "read admin")).errors();
        assertEquals(Set.of("name", "scope"), errors.keySet());
    }

    @Test
    void aClientIsNotAUserAndMayNotCreateServiceClients() {
        Caller service = Caller.of("svc", "svc", Set.of("read"), Set.of(), CredentialKind.JWT, null);

        problem(ProblemType.INSUFFICIENT_ROLE, () -> serviceClients.create(service, "x", null));
        problem(ProblemType.INSUFFICIENT_ROLE, () -> serviceClients.create(Caller.anonymous(), "x", null));
    }

    @Test
    void rotationKeepsThePreviousSecretForTheOverlapOnly() {
        ServiceClients.Issued first = serviceClients.create(ALICE, "rotating", null);
        ClientId id = first.client().id();

        ServiceClients.Issued second = serviceClients.rotateSecret(ALICE, id.value());

        assertEquals(clock.instant().plus(Duration.ofMinutes(10)), second.previousSecretExpiresAt().orElseThrow());
        assertTrue(clients.authenticate(id, first.secret().reveal()).isPresent(), "within the overlap");
        assertTrue(clients.authenticate(id, second.secret().reveal()).isPresent());
        clock.advance(Duration.ofMinutes(10));
        assertTrue(clients.authenticate(id, first.secret().reveal()).isEmpty(), "after the overlap");
        assertTrue(clients.authenticate(id, second.secret().reveal()).isPresent());
    }

    @Test
    void onlyTheOwnerOrAnAdminSeesAServiceClient() {
        ClientId id = serviceClients.create(ALICE, "alice's", null).client().id();

        problem(ProblemType.NOT_FOUND, () -> serviceClients.rotateSecret(BOB, id.value()));
        problem(ProblemType.NOT_FOUND, () -> serviceClients.delete(BOB, id.value()));
        problem(ProblemType.NOT_FOUND, () -> serviceClients.rotateSecret(ALICE, "no such client"));
        serviceClients.rotateSecret(ADMIN, id.value());
        problem(ProblemType.CONFLICT, () -> serviceClients.rotateSecret(ADMIN, declaredClient().value()));
    }

    @Test
    void deletingAServiceClientEndsItsSecretAndTellsTheGate() {
        ServiceClients.Issued issued = serviceClients.create(ALICE, "short-lived", null);
        ClientId id = issued.client().id();

        serviceClients.delete(ALICE, id.value());

        assertTrue(clients.authenticate(id, issued.secret().reveal()).isEmpty());
        assertTrue(clients.isRetired(id));
        assertEquals(List.of(id.value()), changed);
        problem(ProblemType.NOT_FOUND, () -> serviceClients.delete(ALICE, id.value()));
    }

    @Test
    void disablingTheOwnerRetiresTheirServiceClientsUntilEnabledAgain() {
        User grace = administration.create("grace@example.com", "grace-password", List.of());
        Caller asGrace = user("grace@example.com");
        ServiceClients.Issued issued = serviceClients.create(asGrace, "grace's job", null);
        ClientId id = issued.client().id();

        administration.disable(grace.id().toString(), ADMIN);

        assertTrue(clients.isRetired(id));
        assertTrue(clients.authenticate(id, issued.secret().reveal()).isEmpty());
        administration.enable(grace.id().toString());
        assertFalse(clients.isRetired(id));
        assertTrue(clients.authenticate(id, issued.secret().reveal()).isPresent());
    }

    private ClientId declaredClient() {
        return clients.upsert(ClientDefinition.builder(new ClientId("declared-app")).name("Declared")
                .secretHash(dev.tollgate.impl.server.secret.SecretHash.of("declared-secret"))
                .grantTypes(GrantType.CLIENT_CREDENTIALS).declared(true).build()).id();
    }
}
