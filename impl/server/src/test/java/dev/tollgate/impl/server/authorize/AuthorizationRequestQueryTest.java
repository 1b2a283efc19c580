package dev.tollgate.impl.server.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.api.error.OAuthError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationRequestQueryTest {

    @Test
    void parseWhenWellFormedThenEveryValueDecoded() throws Exception {
        Map<String, List<String>> parameters = AuthorizationRequestQuery.parse(
                "client_id=web&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&scope=openid+read&state=%C3%A9&x=1&x=2",
                8192);
        assertEquals(List.of("web"), parameters.get("client_id"));
        assertEquals(List.of("https://app.example.com/cb"), parameters.get("redirect_uri"));
        assertEquals(List.of("openid read"), parameters.get("scope"));
        assertEquals(List.of("é"), parameters.get("state"));
        assertEquals(List.of("1", "2"), parameters.get("x"), "repeated parameters are the validator's to refuse");
    }

    @Test
    void parseWhenNoQueryThenNoParameters() throws Exception {
        assertEquals(Map.of(), AuthorizationRequestQuery.parse(null, 8192));
        assertEquals(Map.of(), AuthorizationRequestQuery.parse("", 8192));
    }

    @Test
    void parseWhenValueEmptyThenTreatedAsOmitted() throws Exception {
        assertEquals(List.of(), AuthorizationRequestQuery.parse("client_id=&state", 8192).get("client_id"));
    }

    @Test
    void parseWhenLongerThanTheBoundThen414ErrorPage() {
        String query = "client_id=web&state=" + "a".repeat(2000);
        AuthorizationRequestQuery.UnreadableQueryException e = assertThrows(
                AuthorizationRequestQuery.UnreadableQueryException.class,
                () -> AuthorizationRequestQuery.parse(query, query.length() - 1));
        assertEquals(414, e.page().status());
        assertEquals(OAuthError.INVALID_REQUEST, e.page().error());
    }

    @Test
    void parseWhenExactlyAtTheBoundThenRead() throws Exception {
        String query = "client_id=web&state=" + "a".repeat(2000);
        assertEquals(List.of("a".repeat(2000)), AuthorizationRequestQuery.parse(query, query.length()).get("state"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "client_id=%ZZ", "client_id=%", "client_id=a%2", "client_id=%C0%AF", "client_id=%FF", "client_id=%ED%A0%80",
            "client_id=web%00", "state=a%0Ab", "state=a%0D%0ASet-Cookie:x", "state=%7F", "state=%C2%85", "x%00=1",
            "=value", "state=a\tb"})
    void parseWhenMalformedOrControlCharacterThen400ErrorPage(String query) {
        AuthorizationRequestQuery.UnreadableQueryException e = assertThrows(
                AuthorizationRequestQuery.UnreadableQueryException.class,
                () -> AuthorizationRequestQuery.parse(query, 8192));
        assertEquals(400, e.page().status());
        assertEquals(OAuthError.INVALID_REQUEST, e.page().error());
    }
}
