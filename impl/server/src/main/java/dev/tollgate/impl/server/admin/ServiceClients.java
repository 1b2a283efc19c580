package dev.tollgate.impl.server.admin;

import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.audit.AuditEventType;
import dev.tollgate.impl.server.audit.AuditTrail;
import dev.tollgate.impl.server.bootstrap.BootstrapAdmin;
import dev.tollgate.impl.server.caller.CallerKinds;
import dev.tollgate.impl.server.registration.Registrar;
import dev.tollgate.impl.server.registration.RegistrationLimiter;
import dev.tollgate.impl.server.registration.RegistrationLimiter.Admission;
import dev.tollgate.impl.server.registration.RegistrationRateLimitedException;
import dev.tollgate.impl.server.caller.ClientOwners;
import dev.tollgate.impl.server.registration.RegistrationStore;
import dev.tollgate.impl.server.secret.ClientSecret;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.DisplayText;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Service clients (Ryvn's "service users"): confidential clients for the {@code client_credentials} grant that a
 * person creates for a program of theirs ({@code /api/service-clients}). The secret is shown once, in the response
 * to the creation or rotation, and only its hash is kept.
 *
 * <p><b>Who.</b> Any user (plain headers, or a Bearer token issued to a user) may create one; it belongs to that
 * user. Its owner, or an {@code admin}, may rotate its secret or delete it; to anyone else it does not exist (404,
 * so that client ids cannot be probed). A client-credentials token is not a user: 403.
 *
 * <p><b>Rotation.</b> The new secret works at once; the previous one keeps working for the configured overlap
 * ({@code tollgate.registration.secret-rotation-overlap}), then stops. A second rotation ends the first secret at
 * once: at most two secrets are ever valid.
 */
public final class ServiceClients {

    private final ClientStore clients;
    private final RegistrationStore registrations;
    private final SecretGenerator secrets;
    private final Set<String> serviceScopes;
    private final Duration overlap;
    private final Consumer<String> clientChanged;
    private final RegistrationLimiter limiter;
    private final ClientOwners owners;
    private final AuditTrail audit;

    /**
     * A secret just made: the only time it is shown.
     *
     * @param previousSecretExpiresAt after a rotation, when the previous secret stops working
     */
    public record Issued(Client client, ClientSecret secret, Optional<Instant> previousSecretExpiresAt) {
    }

    /**
     * @param serviceScopes the scopes a service client may have ({@code tollgate.registration.service-scopes})
     * @param clientChanged told the id of a deleted client, so that this node forgets what it cached about it
     * @param limiter       the registration limits, which service clients count toward like registered clients
     * @param owners        the name a client's owner is recorded under, whichever credential the user presents
     */
    public ServiceClients(ClientStore clients, RegistrationStore registrations, SecretGenerator secrets,
                          Set<String> serviceScopes, Duration overlap, Consumer<String> clientChanged,
                          RegistrationLimiter limiter, ClientOwners owners) {
        this(clients, registrations, secrets, serviceScopes, overlap, clientChanged, limiter, owners,
                AuditTrail.off());
    }

    /** @param audit records {@code client.created}, {@code client.secret-rotated} and {@code client.deleted} */
    public ServiceClients(ClientStore clients, RegistrationStore registrations, SecretGenerator secrets,
                          Set<String> serviceScopes, Duration overlap, Consumer<String> clientChanged,
                          RegistrationLimiter limiter, ClientOwners owners, AuditTrail audit) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.registrations = Objects.requireNonNull(registrations, "registrations");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.serviceScopes = Set.copyOf(serviceScopes);
        this.overlap = Objects.requireNonNull(overlap, "overlap");
        this.clientChanged = Objects.requireNonNull(clientChanged, "clientChanged");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.audit = Objects.requireNonNull(audit, "audit");
    }


    /**
     * Within the registration limits, as a registration: over the rate, {@link RegistrationRateLimitedException}
     * (429); over the owner's quota, 409 {@code conflict}.
     *
     * @param name  1 to 255 characters
     * @param scope space-separated, each one of the service scopes; null or blank: all of them
     */
    public Issued create(Caller caller, String name, String scope) {
        requireUser(caller);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (name == null || name.isBlank() || name.length() > ClientDefinition.MAX_NAME_LENGTH) {
            errors.put("name", List.of("must have 1 to " + ClientDefinition.MAX_NAME_LENGTH + " characters"));
        } else if (!DisplayText.isSafe(name)) {
            errors.put("name", List.of("must not contain control, bidirectional or invisible formatting characters"));
        }
        Set<String> scopes = new LinkedHashSet<>();
        if (scope == null || scope.isBlank()) {
            scopes.addAll(serviceScopes);
        } else {
            for (String value : scope.trim().split(" +")) {
                scopes.add(value);
            }
            if (!serviceScopes.containsAll(scopes)) {
                errors.put("scope", List.of("each scope must be one of: " + String.join(" ", serviceScopes)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The service client is not valid.", errors);
        }
        ClientSecret secret = secrets.clientSecret();
        ClientDefinition definition = ClientDefinition.builder(ClientId.random())
                .name(name.strip())
                .secretHash(secret.hash())
                .grantTypes(GrantType.CLIENT_CREDENTIALS)
                .scopes(scopes)
                .owner(owner(caller))
                .build();
        Admission<Client> admission = limiter.admit(Registrar.user(caller, owners),
                connection -> clients.insert(connection, definition));
        if (admission instanceof Admission.RateLimited<Client> limited) {
            throw new RegistrationRateLimitedException(limited.retryAfterSeconds());
        }
        if (admission instanceof Admission.QuotaFull<Client> full) {
            throw new ProblemException(ProblemType.CONFLICT, "You already have " + full.maxClients()
                    + " clients, the most allowed; delete one first.");
        }
        Client created = ((Admission.Admitted<Client>) admission).value();
        audit.success(AuditEventType.CLIENT_CREATED).client(created.id().value()).detail("kind", "service")
                .detail("scope", String.join(" ", scopes)).record();
        return new Issued(created, secret, Optional.empty());
    }

    /** Gives the client a new secret; the previous one works for the overlap only. */
    public Issued rotateSecret(Caller caller, String clientId) {
        Client client = manageable(caller, clientId);
        if (!client.confidential()) {
            throw new ProblemException(ProblemType.CONFLICT, "This client is public: it has no secret to rotate.");
        }
        ClientSecret secret = secrets.clientSecret();
        Instant previousExpires = clients.rotateSecret(client.id(), secret.hash(), overlap)
                .orElseThrow(ServiceClients::notFound);
        audit.success(AuditEventType.CLIENT_SECRET_ROTATED).client(client.id().value())
                .detail("previous_secret_expires_at", previousExpires.toString()).record();
        return new Issued(client, secret, Optional.of(previousExpires));
    }

    /** Soft-deletes the client: its secret stops at once, its refresh tokens are revoked, its access tokens refused. */
    public void delete(Caller caller, String clientId) {
        Client client = manageable(caller, clientId);
        if (!registrations.softDelete(client.id())) {
            throw notFound();
        }
        clientChanged.accept(client.id().value());
        audit.success(AuditEventType.CLIENT_DELETED).client(client.id().value()).detail("kind", "service").record();
    }

    /** The owner name of the user {@code caller} is, whichever credential they presented. */
    private String owner(Caller caller) {
        return owners.ownerName(caller);
    }

    /** The live client that the caller owns or, for an admin, any client but a declared one. */
    private Client manageable(Caller caller, String clientId) {
        requireUser(caller);
        Client client = ClientId.parse(clientId).flatMap(clients::find)
                .filter(found -> found.owner().map(owner(caller)::equals).orElse(false)
                        || caller.hasRole(BootstrapAdmin.ADMIN_ROLE))
                .orElseThrow(ServiceClients::notFound);
        if (client.declared()) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "This client is declared by the server's configuration; change it there.");
        }
        return client;
    }

    private static void requireUser(Caller caller) {
        if (!CallerKinds.isUser(caller)) {
            throw new ProblemException(ProblemType.INSUFFICIENT_ROLE,
                    "Service clients are managed by users, not by clients.");
        }
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "There is no such client of yours.");
    }
}
