package dev.tollgate.impl.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.OAuthException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuthExceptionMapperTest {

    private final OAuthExceptionMapper mapper = new OAuthExceptionMapper();

    {
        mapper.request = Fakes.servletRequest(Map.of());
    }

    @Test
    void oauthErrorIsTheRfc6749JsonWithNoStore() {
        Response response = mapper.toResponse(new OAuthException(OAuthError.INVALID_GRANT, "Code expired"));

        assertEquals(400, response.getStatus());
        assertTrue(response.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE));
        assertEquals("no-store", response.getHeaderString(HttpHeaders.CACHE_CONTROL));
        assertEquals("no-cache", response.getHeaderString("Pragma"));
        Map<String, Object> body = Fakes.json(response);
        assertEquals("invalid_grant", body.get("error"));
        assertTrue(body.containsKey("error_description"));
        assertFalse(body.containsKey("type"), "not a problem");
        assertNull(response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void anErrorWithATimeToWaitCarriesRetryAfter() {
        Response response = mapper.toResponse(OAuthException.retryAfter(OAuthError.INVALID_GRANT,
                "the account is temporarily locked", 42));

        assertEquals(400, response.getStatus());
        assertEquals("42", response.getHeaderString(HttpHeaders.RETRY_AFTER));
        assertEquals("invalid_grant", Fakes.json(response).get("error"));
        assertNull(mapper.toResponse(new OAuthException(OAuthError.INVALID_GRANT, "Code expired"))
                .getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void useDpopNonceCarriesTheNonceInDpopNonce() {
        Response response = mapper.toResponse(OAuthException.withDpopNonce(OAuthError.USE_DPOP_NONCE,
                "DPoP nonce required", "n-123"));

        assertEquals(400, response.getStatus());
        assertEquals("n-123", response.getHeaderString("DPoP-Nonce"));
        assertEquals("use_dpop_nonce", Fakes.json(response).get("error"));
        assertNull(response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
        assertNull(mapper.toResponse(new OAuthException(OAuthError.INVALID_GRANT, "Code expired"))
                .getHeaderString("DPoP-Nonce"));
    }

    @Test
    void invalidClientOnBasicAuthenticationIs401WithBasicChallenge() {
        Response response = mapper.toResponse(new OAuthException(OAuthError.INVALID_CLIENT, "Unknown client", true));

        assertEquals(401, response.getStatus());
        assertEquals("Basic realm=\"tollgate\"", response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
        assertEquals("invalid_client", Fakes.json(response).get("error"));
    }

    @Test
    void invalidClientWithoutBasicAuthenticationHasNoBasicChallenge() {
        Response response = mapper.toResponse(new OAuthException(OAuthError.INVALID_CLIENT, "Unknown client"));

        assertEquals(401, response.getStatus());
        assertNull(response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void basicFlagOnAnErrorThatIsNot401AddsNoChallenge() {
        Response response = mapper.toResponse(new OAuthException(OAuthError.INVALID_GRANT, "Bad code", true));

        assertEquals(400, response.getStatus());
        assertNull(response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void invalidTokenCarriesTheBearerChallengeWithItsCode() {
        Response response = mapper.toResponse(new OAuthException(OAuthError.INVALID_TOKEN, "Token revoked"));

        assertEquals(401, response.getStatus());
        String challenge = response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
        assertTrue(challenge.startsWith("Bearer realm=\"tollgate\", error=\"invalid_token\""), challenge);
    }

    @Test
    void missingDescriptionLeavesOnlyTheErrorCode() {
        Response response = mapper.toResponse(new OAuthException(OAuthError.UNSUPPORTED_GRANT_TYPE, null));

        assertEquals(Map.of("error", "unsupported_grant_type"), Fakes.json(response));
    }
}
