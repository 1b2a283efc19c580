package dev.tollgate.impl.server.grant;

import static dev.tollgate.impl.server.grant.ServerFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.authorize.AuthorizationRequest;
import dev.tollgate.impl.server.authorize.Scopes;
import dev.tollgate.impl.server.store.ClientId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The authorization_code grant through the token endpoint, on H2: its tokens, and their revocation on replay. */
class AuthorizationCodeGrantOnH2Test extends ServerOnH2Test {

    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private String code() throws Exception {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(VERIFIER.getBytes(StandardCharsets.US_ASCII)));
        return server.codes.issue(new AuthorizationRequest(new ClientId(SPA), REDIRECT_URI, true,
                Scopes.of(List.of("read")), Optional.empty(), challenge, Optional.empty()), USER,
                server.clock.instant());
    }

    private TokenResponse exchange(String code, String verifier) {
        return server.token(Optional.empty(), "grant_type", "authorization_code", "client_id", SPA, "code", code,
                "redirect_uri", REDIRECT_URI, "code_verifier", verifier);
    }

    @Test
    void tokenWhenCodeAndVerifierMatchThenUserTokensInTheCodesFamily() throws Exception {
        TokenResponse response = exchange(code(), VERIFIER);

        assertEquals(server.userSubject, SignedJWT.parse(response.accessToken()).getJWTClaimsSet().getSubject());
        assertTrue(response.refreshToken().isPresent());
        server.refresh(response.refreshToken().get());
    }

    @Test
    void tokenWhenCodeReplayedThenInvalidGrantAndIssuedTokensRevoked() throws Exception {
        String code = code();
        TokenResponse first = exchange(code, VERIFIER);

        OAuthException replay = assertThrows(OAuthException.class, () -> exchange(code, VERIFIER));

        assertEquals(OAuthError.INVALID_GRANT, replay.error());
        OAuthException refresh = assertThrows(OAuthException.class,
                () -> server.refresh(first.refreshToken().orElseThrow()));
        assertEquals(OAuthError.INVALID_GRANT, refresh.error());
        assertTrue(server.denyList.isRevoked(server.verifier.verify(first.accessToken()).orElseThrow().jti()));
    }

    @Test
    void tokenWhenWrongVerifierThenInvalidGrant() throws Exception {
        OAuthException e = assertThrows(OAuthException.class, () -> exchange(code(), VERIFIER.replace('d', 'e')));

        assertEquals(OAuthError.INVALID_GRANT, e.error());
    }

    @Test
    void tokenWhenClientMayNotUseTheGrantThenUnauthorizedClient() throws Exception {
        String code = code();
        OAuthException e = assertThrows(OAuthException.class, () -> server.token(basic(APP, SECRET), "grant_type",
                "authorization_code", "code", code, "code_verifier", VERIFIER));

        assertEquals(OAuthError.UNAUTHORIZED_CLIENT, e.error());
    }
}
