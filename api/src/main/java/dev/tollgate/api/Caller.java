package dev.tollgate.api;

import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated party behind the current request.
 *
 * <p>In a CDI application, {@code @Inject Caller caller} gives the caller of the current request (request scoped).
 * Without CDI, the gate stores it as the request attribute {@link #REQUEST_ATTRIBUTE}. It is also the request's
 * {@code getUserPrincipal()}.
 *
 * <p>This is an interface, not a record, so that CDI can proxy it in request scope.
 */
public interface Caller extends Principal {

    /** The servlet request attribute under which the gate stores the caller. */
    String REQUEST_ATTRIBUTE = Caller.class.getName();

    /** The subject: the {@code sub} claim, the user's email, or the client id of a service client. */
    String subject();

    /** The OAuth client that obtained the token, if any. */
    Optional<String> clientId();

    /** Granted OAuth scopes. */
    Set<String> scopes();

    /** Roles, as mapped from the configured claims (by default {@code roles}, {@code groups} and {@code scope}). */
    Set<String> roles();

    CredentialKind credentialKind();

    /** When the credential stops being valid, if it has an expiry. */
    Optional<Instant> expiresAt();

    default boolean isAnonymous() {
        return credentialKind() == CredentialKind.ANONYMOUS;
    }

    default boolean hasScope(String scope) {
        return scopes().contains(scope);
    }

    default boolean hasRole(String role) {
        return roles().contains(role);
    }

    @Override
    default String getName() {
        return subject();
    }

    /** A caller, as a value. */
    static Caller of(String subject, String clientId, Set<String> scopes, Set<String> roles,
                     CredentialKind kind, Instant expiresAt) {
        return new SimpleCaller(subject, Optional.ofNullable(clientId), Set.copyOf(scopes), Set.copyOf(roles),
                kind, Optional.ofNullable(expiresAt));
    }

    /** The caller of a request that carried no credentials. */
    static Caller anonymous() {
        return SimpleCaller.ANONYMOUS;
    }
}
