package dev.tollgate.impl.server.admin;

import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.server.authorize.ConsentStore;
import dev.tollgate.impl.server.authorize.RevokeIssuedTokens;
import dev.tollgate.impl.server.caller.CallerKinds;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The applications a user has authorized ({@code /api/me/consents}): the consents remembered by the consent page,
 * grouped by client, and their revocation. Revoking forgets every scope set the user allowed the client, so that the
 * next authorization asks again, and ends the refresh tokens the user holds for that client, with their access
 * tokens (deny-listed until they expire), through {@link RevokeIssuedTokens}.
 *
 * <p>Only a user has consents: a client-credentials token is 403, as for service clients. The user is the one behind
 * the caller, whichever credential they presented (consents are recorded under the user's id, RFC 9068 {@code sub}).
 */
public final class UserConsents {

    private final ConsentStore consents;
    private final RevokeIssuedTokens revoke;
    private final UserStore users;
    private final ClientStore clients;

    /**
     * One authorized application.
     *
     * @param clientName empty when the client was deleted since
     * @param scopes     each scope set allowed, normalized ({@code "openid read"})
     * @param grantedAt  the latest of the sets' consents
     */
    public record AuthorizedApplication(ClientId clientId, Optional<String> clientName, List<String> scopes,
                                        Instant grantedAt) {
        public AuthorizedApplication {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientName, "clientName");
            scopes = List.copyOf(scopes);
            Objects.requireNonNull(grantedAt, "grantedAt");
        }
    }

    /** What a revocation ended. */
    public record Revoked(int consents, int refreshTokens) {
    }

    public UserConsents(ConsentStore consents, RevokeIssuedTokens revoke, UserStore users, ClientStore clients) {
        this.consents = Objects.requireNonNull(consents, "consents");
        this.revoke = Objects.requireNonNull(revoke, "revoke");
        this.users = Objects.requireNonNull(users, "users");
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /** The caller's authorized applications, by client id. */
    public List<AuthorizedApplication> list(Caller caller) {
        User user = user(caller);
        Map<ClientId, List<ConsentStore.Consent>> byClient = new LinkedHashMap<>();
        for (ConsentStore.Consent consent : consents.listOf(user.subject())) {
            byClient.computeIfAbsent(consent.clientId(), id -> new ArrayList<>()).add(consent);
        }
        List<AuthorizedApplication> applications = new ArrayList<>();
        byClient.forEach((clientId, sets) -> applications.add(new AuthorizedApplication(clientId,
                clients.find(clientId).map(Client::name),
                new ArrayList<>(new TreeSet<>(sets.stream().map(set -> set.scope().value()).toList())),
                sets.stream().map(ConsentStore.Consent::grantedAt).max(Instant::compareTo).orElseThrow())));
        return applications;
    }

    /**
     * Forgets the caller's consents to the client and revokes the refresh tokens the caller holds for it.
     *
     * @throws ProblemException {@code not-found} when the caller has neither a consent nor a live refresh token of
     *                          that client (so that an id cannot be probed for anything but the caller's own)
     */
    public Revoked revoke(Caller caller, String clientId) {
        User user = user(caller);
        ClientId id = ClientId.parse(clientId).orElseThrow(UserConsents::notFound);
        int forgotten = consents.revoke(user.subject(), id);
        int revoked = revoke.ofUserAndClient(user.subject(), id);
        if (forgotten == 0 && revoked == 0) {
            throw notFound();
        }
        return new Revoked(forgotten, revoked);
    }

    private User user(Caller caller) {
        if (!CallerKinds.isUser(caller)) {
            throw new ProblemException(ProblemType.INSUFFICIENT_ROLE,
                    "Authorized applications belong to users, not to clients.");
        }
        return users.findBySubject(caller.subject()).orElseThrow(() -> new ProblemException(
                ProblemType.INSUFFICIENT_ROLE, "Authorized applications belong to users of this server."));
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "You have not authorized such an application.");
    }
}
