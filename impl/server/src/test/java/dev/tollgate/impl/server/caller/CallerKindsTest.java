package dev.tollgate.impl.server.caller;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerKindsTest {

    private static Caller caller(String subject, String clientId, CredentialKind kind) {
        return Caller.of(subject, clientId, Set.of(), Set.of(), kind, null);
    }

    @Test
    void isUserWhenPlainHeadersOrAUsersBearerTokenThenTrue() {
        assertTrue(CallerKinds.isUser(caller("alice@example.com", null, CredentialKind.PLAIN_HEADERS)));
        assertTrue(CallerKinds.isUser(caller("alice@example.com", "app", CredentialKind.JWT)));
        assertTrue(CallerKinds.isUser(caller("alice@example.com", "app", CredentialKind.OPAQUE_TOKEN)));
    }

    @Test
    void isUserWhenClientCredentialsTokenOrAnonymousThenFalse() {
        assertFalse(CallerKinds.isUser(caller("svc", "svc", CredentialKind.JWT)));
        assertFalse(CallerKinds.isUser(Caller.anonymous()));
    }

    @Test
    void isBearerWhenAnAccessTokenThenTrueElseFalse() {
        assertTrue(CallerKinds.isBearer(caller("svc", "svc", CredentialKind.JWT)));
        assertTrue(CallerKinds.isBearer(caller("svc", "svc", CredentialKind.OPAQUE_TOKEN)));
        assertFalse(CallerKinds.isBearer(caller("alice@example.com", null, CredentialKind.PLAIN_HEADERS)));
        assertFalse(CallerKinds.isBearer(Caller.anonymous()));
    }
}
