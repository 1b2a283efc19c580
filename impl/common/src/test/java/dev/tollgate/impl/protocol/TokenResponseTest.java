package dev.tollgate.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 6749 §5.1 with the seeds' extensions: round trips, real-world answers, and what is refused. */
class TokenResponseTest {

    private static final TokenResponse FULL = new TokenResponse("at", "Bearer", Optional.of(Duration.ofSeconds(900)),
            Optional.of("rt"), Optional.of(Duration.ofDays(30)), new LinkedHashSet<>(List.of("b", "a")),
            Optional.of("eyJ.id.token"));

    @Test
    void parseOfToJsonIsTheSameResponse() throws Exception {
        TokenResponse minimal = new TokenResponse("at", "DPoP", Optional.empty(), Optional.empty(),
                Optional.empty(), Set.of(), Optional.empty());

        assertEquals(FULL, TokenResponse.parse(FULL.toJson()));
        assertEquals(minimal, TokenResponse.parse(minimal.toJson()));
        assertEquals(FULL, TokenResponse.parse(FULL.toJsonObject()));
    }

    /** What the server issues (formerly RequestParsingTest.tokenResponseRoundTripsToJson, which only wrote). */
    @Test
    void issuedResponseRoundTripsThroughItsExactJson() throws Exception {
        TokenResponse issued = new TokenResponse("at", Duration.ofSeconds(900), Optional.of("rt"),
                Optional.of(Duration.ofDays(30)), new LinkedHashSet<>(List.of("b", "a")));

        String json = issued.toJson();

        assertEquals("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":900,\"refresh_token\":"
                + "\"rt\",\"refresh_expires_in\":2592000,\"scope\":\"b a\"}", json);
        TokenResponse read = TokenResponse.parse(json);
        assertEquals(issued, read);
        assertEquals(List.of("b", "a"), List.copyOf(read.scope()), "the scope keeps its order");
    }

    @Test
    void lifetimesAreKeptToWholeSecondsSoThatTheRoundTripHolds() throws Exception {
        TokenResponse fine = new TokenResponse("at", Duration.ofMillis(1500), Optional.empty(), Optional.empty(),
                Set.of());

        assertEquals(Optional.of(Duration.ofSeconds(1)), fine.expiresIn());
        assertEquals(fine, TokenResponse.parse(fine.toJson()));
    }

    @Test
    void ripsSeedPasswordGrantAnswer() throws Exception {
        TokenResponse r = TokenResponse.parse("""
                {
                	"token_type": "Bearer",
                	"expires_in": 2419200,
                	"access_token": "eyJ0....5XRk",
                	"refresh_token": "def50200ff..02b01ec576"
                }""");

        assertEquals("eyJ0....5XRk", r.accessToken());
        assertTrue(r.bearer());
        assertEquals(Optional.of(Duration.ofDays(28)), r.expiresIn());
        assertEquals(Optional.of("def50200ff..02b01ec576"), r.refreshToken());
        assertEquals(Set.of(), r.scope());
    }

    @Test
    void snykSeedAnswerWithRefreshExpiresInLowerCaseBearerAndAnUnknownMember() throws Exception {
        TokenResponse r = TokenResponse.parse("""
                {
                  "access_token": "some_opaque_access_token_string",
                  "expires_in": 3599,
                  "refresh_token": "some_opaque_refresh_token_string",
                  "refresh_expires_in": 15552000,
                  "token_type": "bearer",
                  "scope": "org.read org.project.read org.project.snapshot.read",
                  "bot_id": "95233fa3-33cf-4dd3-a6ac-e040985e1a4f"
                }""");

        assertTrue(r.bearer());
        assertEquals("bearer", r.tokenType());
        assertEquals(Optional.of(Duration.ofDays(180)), r.refreshExpiresIn());
        assertEquals(List.of("org.read", "org.project.read", "org.project.snapshot.read"), List.copyOf(r.scope()));
        assertEquals(r, TokenResponse.parse(r.toJson()));
    }

    @Test
    void ryvnSeedZitadelClientCredentialsAnswer() throws Exception {
        TokenResponse r = TokenResponse.parse("""
                {
                  "access_token": "MtjHodGy4zxKylDOhg6kW90WeEQs2q...",
                  "token_type": "Bearer",
                  "expires_in": 43199
                }""");

        assertEquals(Optional.of(Duration.ofSeconds(43199)), r.expiresIn());
        assertTrue(r.refreshToken().isEmpty());
    }

    @Test
    void keycloakAnswerWithItsOwnMembersAndZeroRefreshLifetime() throws Exception {
        TokenResponse r = TokenResponse.parse("""
                {"access_token":"eyJhbGciOiJSUzI1NiJ9.e30.sig","expires_in":300,"refresh_expires_in":0,
                 "refresh_token":"eyJhbGciOiJIUzUxMiJ9.e30.sig","token_type":"Bearer","not-before-policy":0,
                 "session_state":"5e8d7a3c-1f2b-4c6d-9e0f-123456789abc","scope":"openid profile email",
                 "id_token":"eyJhbGciOiJSUzI1NiJ9.e30.idsig"}""");

        // 0 is Keycloak's "does not expire": the message keeps what was sent, the client interprets it
        assertEquals(Optional.of(Duration.ZERO), r.refreshExpiresIn());
        assertEquals(Optional.of("eyJhbGciOiJSUzI1NiJ9.e30.idsig"), r.idToken());
        assertEquals(Set.of("openid", "profile", "email"), r.scope());
    }

    @Test
    void expiresInAsAStringOfDigitsAndAbsentTokenTypeAreTolerated() throws Exception {
        TokenResponse r = TokenResponse.parse("{\"access_token\":\"abc\",\"expires_in\":\"60\"}");

        assertEquals(Optional.of(Duration.ofSeconds(60)), r.expiresIn());
        assertEquals("Bearer", r.tokenType());
    }

    @Test
    void emptyAndNullMembersCountAsOmitted() throws Exception {
        TokenResponse r = TokenResponse.parse("{\"access_token\":\"abc\",\"token_type\":\"Bearer\","
                + "\"refresh_token\":\"\",\"scope\":\"\",\"id_token\":null,\"expires_in\":null}");

        assertEquals(new TokenResponse("abc", "Bearer", Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(), Optional.empty()), r);
    }

    @Test
    void missingAccessTokenOrMemberOfTheWrongTypeIsAParseException() {
        for (String json : List.of(
                "{\"token_type\":\"Bearer\",\"expires_in\":60}",
                "{\"access_token\":\"\"}",
                "{\"access_token\":42}",
                "{\"access_token\":\"abc\",\"token_type\":[\"Bearer\"]}",
                "{\"access_token\":\"abc\",\"expires_in\":\"soon\"}",
                "{\"access_token\":\"abc\",\"expires_in\":-1}",
                "{\"access_token\":\"abc\",\"refresh_expires_in\":true}",
                "{\"access_token\":\"abc\",\"scope\":[\"a\",\"b\"]}",
                "{\"access_token\":\"abc\",\"refresh_token\":{}}",
                "{\"access_token\": \"abc\", ",
                "[\"access_token\"]",
                "")) {
            assertThrows(MessageParseException.class, () -> TokenResponse.parse(json), json);
        }
    }

    /** Found by TokenResponseFuzzTest: such a lifetime cannot be added to a clock reading or counted in millis. */
    @Test
    void lifetimeOfMoreThanTwelveDigitsOfSecondsIsAParseException() throws Exception {
        for (String lifetime : List.of("1e300", "9223372036854775807", "1000000000000", "\"1000000000000\"")) {
            assertThrows(MessageParseException.class, () -> TokenResponse.parse(
                    "{\"access_token\":\"abc\",\"expires_in\":" + lifetime + "}"), lifetime);
            assertThrows(MessageParseException.class, () -> TokenResponse.parse(
                    "{\"access_token\":\"abc\",\"refresh_expires_in\":" + lifetime + "}"), lifetime);
        }
        assertEquals(Optional.of(Duration.ofSeconds(999_999_999_999L)), TokenResponse.parse(
                "{\"access_token\":\"abc\",\"expires_in\":999999999999}").expiresIn());
    }

    /** Found by TokenResponseFuzzTest: a scope split on regex \\s only left tokens the record refuses. */
    @Test
    void scopeIsSplitOnEveryKindOfWhitespace() throws Exception {
        TokenResponse r = TokenResponse.parse(
                "{\"access_token\":\"abc\",\"scope\":\" read\\u001cwrite\\u2003admin\\t\"}");

        assertEquals(List.of("read", "write", "admin"), List.copyOf(r.scope()));
    }

    @Test
    void parseExceptionNamesTheMemberButNotItsValue() {
        MessageParseException e = assertThrows(MessageParseException.class,
                () -> TokenResponse.parse("{\"access_token\":\"abc\",\"refresh_token\":[\"SECRET-RT\"]}"));

        assertTrue(e.getMessage().contains("refresh_token"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET-RT"), e.getMessage());
    }

    @Test
    void toStringPrintsNoToken() {
        String text = FULL.toString();

        for (String token : List.of("at", "rt", "eyJ.id.token")) {
            assertFalse(text.contains("=" + token), text);
        }
        assertFalse(text.contains("eyJ"), text);
    }

    @Test
    void invalidRecordsAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new TokenResponse("", Duration.ofSeconds(1),
                Optional.empty(), Optional.empty(), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new TokenResponse("at", Duration.ofSeconds(-1),
                Optional.empty(), Optional.empty(), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new TokenResponse("at", Duration.ofSeconds(1),
                Optional.of(""), Optional.empty(), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new TokenResponse("at", Duration.ofSeconds(1),
                Optional.empty(), Optional.empty(), Set.of("read write")));
    }

    @Test
    void nimbusOAuthSdkReadsWhatWeWrite() throws Exception {
        AccessTokenResponse nimbus = AccessTokenResponse.parse(JSONObjectUtils.parse(FULL.toJson()));

        assertEquals("at", nimbus.getTokens().getAccessToken().getValue());
        assertEquals(900, nimbus.getTokens().getAccessToken().getLifetime());
        assertEquals("rt", nimbus.getTokens().getRefreshToken().getValue());
        assertEquals(Set.of("a", "b"), Set.copyOf(nimbus.getTokens().getAccessToken().getScope().toStringList()));
        assertEquals(2592000L, ((Number) nimbus.getCustomParameters().get("refresh_expires_in")).longValue());
    }
}
