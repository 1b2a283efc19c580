package dev.tollgate.impl.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.impl.server.store.ClientId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Form and JSON bodies, parameters, token requests and client authentication: pure parsing, no database. */
class RequestParsingTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private static Parameters params(String contentType, String body) throws RequestParseException {
        return Parameters.of(RequestBody.parse(contentType, body), Set.of("resource"));
    }

    private static void assertParseError(OAuthError expected, Executable parse) {
        RequestParseException e = assertThrows(RequestParseException.class, parse);
        assertEquals(expected, e.error());
        assertEquals(expected, e.toOAuthException().error());
    }

    @Test
    void formAndJsonBodiesGiveTheSameRequest() throws Exception {
        TokenRequest form = TokenRequestParser.parse(params(FORM + "; charset=UTF-8",
                "grant_type=password&username=a%40b.c&password=p+w%26&scope=read+write"));
        TokenRequest json = TokenRequestParser.parse(params("Application/JSON",
                "{\"grant_type\":\"password\",\"username\":\"a@b.c\",\"password\":\"p w&\",\"scope\":\"read write\"}"));

        TokenRequest.Password expected = new TokenRequest.Password("a@b.c", "p w&",
                Optional.of(Set.of("read", "write")), List.of());
        assertEquals(expected, form);
        assertEquals(expected, json);
        assertFalse(form.toString().contains("p w&"), "toString leaves the password out");
    }

    @Test
    void formDecodingWithAndWithoutEscapesGivesTheSameValues() throws Exception {
        // The unescaped fast path and the decoding path agree, for ASCII, non-ASCII and supplementary characters.
        Map<String, List<String>> plain = RequestBody.form("token=eyJ.abc-_~.x&name=caf\u00e9\uD83D\uDE00");
        Map<String, List<String>> escaped = RequestBody.form("token=eyJ%2Eabc-_~.x&name=caf%C3%A9%F0%9F%98%80");
        Map<String, List<String>> mixed = RequestBody.form("token=eyJ.abc-_~.x+&name=caf\u00e9\uD83D\uDE00%21");

        assertEquals(List.of("eyJ.abc-_~.x"), plain.get("token"));
        assertEquals(List.of("caf\u00e9\uD83D\uDE00"), plain.get("name"));
        assertEquals(plain, escaped);
        assertEquals(List.of("eyJ.abc-_~.x "), mixed.get("token"));
        assertEquals(List.of("caf\u00e9\uD83D\uDE00!"), mixed.get("name"));
        // A lone surrogate is not valid text: it goes the decoding way and comes back as '?', as before.
        assertEquals(List.of("a?"), RequestBody.form("x=a\uD83D").get("x"));
        assertParseError(OAuthError.INVALID_REQUEST, () -> RequestBody.form("x=%C3"));
    }

    @Test
    void eachGrantParsesToItsRecord() throws Exception {
        assertInstanceOf(TokenRequest.ClientCredentials.class, TokenRequestParser.parse(params(FORM,
                "grant_type=client_credentials&resource=a&resource=b")));
        assertEquals(List.of("a", "b"), ((TokenRequest.ClientCredentials) TokenRequestParser.parse(params(FORM,
                "grant_type=client_credentials&resource=a&resource=b"))).resources());
        assertInstanceOf(TokenRequest.RefreshToken.class, TokenRequestParser.parse(params(FORM,
                "grant_type=refresh_token&refresh_token=abc")));
        assertInstanceOf(TokenRequest.AuthorizationCode.class, TokenRequestParser.parse(params(FORM,
                "grant_type=authorization_code&code=c&code_verifier=v")));
    }

    @Test
    void emptyValuesCountAsOmitted() throws Exception {
        TokenRequest request = TokenRequestParser.parse(params(FORM, "grant_type=client_credentials&scope=&x"));

        assertEquals(new TokenRequest.ClientCredentials(Optional.empty(), List.of()), request);
    }

    @Test
    void jsonNumbersAndBooleansAreText() throws Exception {
        Map<String, List<String>> parsed = RequestBody.json("{\"a\":42,\"b\":true,\"c\":[\"x\",\"y\"]}");

        assertEquals(Map.of("a", List.of("42"), "b", List.of("true"), "c", List.of("x", "y")), parsed);
    }

    @Test
    void malformedBodiesAreInvalidRequest() {
        for (String[] body : List.of(
                new String[] {null, "grant_type=password"},
                new String[] {"text/plain", "grant_type=password"},
                new String[] {"multipart/form-data", "x"},
                new String[] {"application/json", ""},
                new String[] {"application/json", "{"},
                new String[] {"application/json", "\"string\""},
                // found by TokenRequestFuzzTest: Nimbus reads these as null, once a NullPointerException
                new String[] {"application/json", "null"},
                new String[] {"application/json", " null{\"grant_type\":\"password\"}"},
                new String[] {"application/json", "{\"grant_type\":null}"},
                new String[] {"application/json", "{\"grant_type\":{\"nested\":true}}"},
                new String[] {"application/json", "{\"grant_type\":[[\"x\"]]}"},
                new String[] {"application/json", "{\"a\":\"1\",\"a\":\"2\"}"},
                new String[] {FORM, "grant_type=%"},
                new String[] {FORM, "=value"},
                new String[] {FORM, "a".repeat(RequestBody.MAX_LENGTH + 1)})) {
            assertParseError(OAuthError.INVALID_REQUEST, () -> params(body[0], body[1]));
        }
    }

    @Test
    void repeatedParameterIsInvalidRequestExceptResource() throws Exception {
        assertParseError(OAuthError.INVALID_REQUEST, () -> params(FORM, "grant_type=a&grant_type=a"));
        assertParseError(OAuthError.INVALID_REQUEST, () -> params("application/json",
                "{\"scope\":[\"a\",\"b\"]}"));
        assertEquals(List.of("x", "y"), params(FORM, "resource=x&resource=y").all("resource"));
    }

    @Test
    void missingOrUnknownGrantType() {
        assertParseError(OAuthError.INVALID_REQUEST, () -> TokenRequestParser.parse(params(FORM, "scope=a")));
        assertParseError(OAuthError.UNSUPPORTED_GRANT_TYPE, () -> TokenRequestParser.parse(params(FORM,
                "grant_type=implicit")));
    }

    @Test
    void missingRequiredParameterOfEachGrantIsInvalidRequest() {
        for (String body : List.of("grant_type=password&username=u", "grant_type=password&password=p",
                "grant_type=refresh_token", "grant_type=authorization_code&code=c",
                "grant_type=authorization_code&code_verifier=v")) {
            assertParseError(OAuthError.INVALID_REQUEST, () -> TokenRequestParser.parse(params(FORM, body)));
        }
    }

    @Test
    void malformedScopeIsInvalidScope() {
        assertParseError(OAuthError.INVALID_SCOPE, () -> TokenRequestParser.parse(params(FORM,
                "grant_type=client_credentials&scope=%22quoted%22")));
    }

    private static Optional<String> basic(String raw) {
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void basicCredentialsAreFormUrlDecoded() throws Exception {
        ClientAuthentication auth = ClientAuthentication.parse(basic("my%3Aclient:s%2Bcret%3A1"),
                params(FORM, ""));

        ClientAuthentication.Basic basic = assertInstanceOf(ClientAuthentication.Basic.class, auth);
        assertEquals(new ClientId("my:client"), basic.id());
        assertEquals("s+cret:1", basic.secret());
        assertTrue(basic.basic());
        assertFalse(basic.toString().contains("s+cret:1"));
    }

    @Test
    void basicSchemeIsCaseInsensitive() throws Exception {
        String header = "bAsIc " + Base64.getEncoder().encodeToString("id:secret".getBytes(StandardCharsets.UTF_8));

        assertInstanceOf(ClientAuthentication.Basic.class, ClientAuthentication.parse(Optional.of(header),
                params(FORM, "")));
    }

    @Test
    void eachClientAuthenticationShape() throws Exception {
        assertInstanceOf(ClientAuthentication.Post.class, ClientAuthentication.parse(Optional.empty(),
                params(FORM, "client_id=a&client_secret=b")));
        assertInstanceOf(ClientAuthentication.PublicClient.class, ClientAuthentication.parse(Optional.empty(),
                params(FORM, "client_id=a")));
        assertInstanceOf(ClientAuthentication.Anonymous.class, ClientAuthentication.parse(Optional.empty(),
                params(FORM, "")));
        assertInstanceOf(ClientAuthentication.Anonymous.class, ClientAuthentication.parse(Optional.of("Bearer x"),
                params(FORM, "")));
        assertInstanceOf(ClientAuthentication.Basic.class, ClientAuthentication.parse(basic("a:b"),
                params(FORM, "client_id=a")));
    }

    @Test
    void clientAuthenticationErrors() {
        assertParseError(OAuthError.INVALID_REQUEST, () -> ClientAuthentication.parse(basic("a:b"),
                params(FORM, "client_secret=b")));
        assertParseError(OAuthError.INVALID_REQUEST, () -> ClientAuthentication.parse(basic("a:b"),
                params(FORM, "client_id=other")));
        assertParseError(OAuthError.INVALID_REQUEST, () -> ClientAuthentication.parse(Optional.of("Basic ***"),
                params(FORM, "")));
        assertParseError(OAuthError.INVALID_REQUEST, () -> ClientAuthentication.parse(basic("no-colon"),
                params(FORM, "")));
        assertParseError(OAuthError.INVALID_REQUEST, () -> ClientAuthentication.parse(basic("a:"),
                params(FORM, "")));
        assertParseError(OAuthError.INVALID_REQUEST, () -> ClientAuthentication.parse(basic("a%:b"),
                params(FORM, "")));
        assertParseError(OAuthError.INVALID_REQUEST, () -> ClientAuthentication.parse(Optional.empty(),
                params(FORM, "client_secret=b")));
        assertParseError(OAuthError.INVALID_CLIENT, () -> ClientAuthentication.parse(Optional.empty(),
                params(FORM, "client_id=has+space")));
    }
}
