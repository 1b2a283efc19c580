package dev.tollgate.it.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.RawHttp;
import dev.tollgate.it.support.RawHttp.Answer;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The issuer is configuration ({@code tollgate.server.issuer}; the IT server's is {@code http://localhost:<port>}),
 * never the request's: a client that sends another {@code Host}, {@code X-Forwarded-*} or Liberty's private
 * {@code $WS*} headers gets the same discovery document, tokens of the configured issuer and audience, and redirects
 * below the configured issuer (issue 11, finding 7). Sent over a raw socket: {@code HttpClient} will not send a
 * {@code Host} of our choice.
 */
class IssuerIT {

    /** What a client might send to make the server believe it is someone else. */
    private static final List<String[]> SPOOFS = List.of(
            new String[] {"Host", "evil.example"},
            new String[] {"Host", "evil.example:8443"},
            new String[] {"X-Forwarded-Proto", "https"},
            new String[] {"X-Forwarded-Host", "evil.example"},
            new String[] {"Forwarded", "proto=https;host=evil.example"},
            new String[] {"$WSSN", "evil.example"},
            new String[] {"$WSIS", "true"},
            new String[] {"$WSSP", "8443"});

    private static final String AUTHORIZE = "/oauth2/authorize?response_type=code&client_id=it-authz-web"
            + "&redirect_uri=https%3A%2F%2Fclient.it.tollgate.dev%2Fcb&scope=openid%20read&state=s1"
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

    @Test
    void discoveryNamesTheConfiguredIssuerWhateverTheRequestClaims() {
        String issuer = LibertyServer.baseUrl();
        for (String[] spoof : SPOOFS) {
            for (String document : List.of("oauth-authorization-server", "openid-configuration")) {
                Answer answer = RawHttp.request("GET", "/.well-known/" + document).header(spoof[0], spoof[1]).send();

                String what = document + " with " + spoof[0] + ": " + spoof[1];
                assertEquals(200, answer.status(), what);
                // Still cacheable, and now safely: every request gets the same document.
                assertEquals("public, max-age=300", answer.header("Cache-Control"), what);
                Map<String, Object> metadata = json(answer);
                assertEquals(issuer, metadata.get("issuer"), what);
                assertEquals(issuer + "/oauth2/token", metadata.get("token_endpoint"), what);
                assertEquals(issuer + "/oauth2/authorize", metadata.get("authorization_endpoint"), what);
                assertEquals(issuer + "/oauth2/jwks", metadata.get("jwks_uri"), what);
                assertEquals(issuer + "/oauth2/register", metadata.get("registration_endpoint"), what);
            }
        }
    }

    @Test
    void tokenMintedThroughASpoofedHostIsOfTheConfiguredIssuerAndForIt() throws ParseException {
        Answer answer = RawHttp.request("POST", "/oauth2/token").header("Host", "evil.example")
                .header("Authorization", OAuthCalls.basic(OAuthCalls.SERVICE, OAuthCalls.SERVICE_SECRET))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&scope=read").send();
        assertEquals(200, answer.status(), answer::body);
        String token = (String) json(answer).get("access_token");

        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(LibertyServer.baseUrl(), jwt.getJWTClaimsSet().getIssuer());
        assertEquals(List.of(LibertyServer.baseUrl()), jwt.getJWTClaimsSet().getAudience());
        HttpResponse<String> me = LibertyServer.get("/api/me", "Authorization", "Bearer " + token);
        assertEquals(200, me.statusCode(), me::body);
    }

    @Test
    void authorizeRedirectsBelowTheConfiguredIssuerWhateverTheRequestClaims() {
        for (String[] spoof : SPOOFS.subList(0, 6)) {
            Answer answer = RawHttp.request("GET", AUTHORIZE).header(spoof[0], spoof[1]).send();

            String what = spoof[0] + ": " + spoof[1];
            assertEquals(303, answer.status(), () -> what + ": " + answer.body());
            String location = answer.header("Location");
            assertTrue(location.startsWith(LibertyServer.baseUrl() + "/oauth2/login?request_id="),
                    () -> what + ": Location " + location);
        }
    }

    private static Map<String, Object> json(Answer answer) {
        try {
            return JSONObjectUtils.parse(answer.body());
        } catch (ParseException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }
}
