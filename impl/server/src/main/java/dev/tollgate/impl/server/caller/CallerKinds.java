package dev.tollgate.impl.server.caller;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;

/**
 * What kind of party an authenticated {@link Caller} is, for the services that manage accounts and clients (the
 * admin API, service clients, client registration). Its own package, below both, so that neither depends on the
 * other for it.
 */
public final class CallerKinds {

    private CallerKinds() {
    }

    /** A Bearer access token (a JWT or an opaque token), as opposed to the plain headers. */
    public static boolean isBearer(Caller caller) {
        return caller.credentialKind() == CredentialKind.JWT || caller.credentialKind() == CredentialKind.OPAQUE_TOKEN;
    }

    /**
     * A person: the plain headers, or a Bearer token issued to a user. A client-credentials token, whose subject is
     * the client itself (RFC 9068 §2.2), is not a user.
     */
    public static boolean isUser(Caller caller) {
        if (caller.isAnonymous()) {
            return false;
        }
        return caller.credentialKind() == CredentialKind.PLAIN_HEADERS
                || (isBearer(caller) && !caller.clientId().map(caller.subject()::equals).orElse(false));
    }
}
