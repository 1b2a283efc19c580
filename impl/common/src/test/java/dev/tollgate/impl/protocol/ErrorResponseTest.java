package dev.tollgate.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 6749 §5.2. */
class ErrorResponseTest {

    @Test
    void parseOfToJsonIsTheSameResponse() throws Exception {
        ErrorResponse described = new ErrorResponse("invalid_grant", Optional.of("the refresh token is revoked"));
        ErrorResponse bare = new ErrorResponse("invalid_client", Optional.empty());

        assertEquals(described, ErrorResponse.parse(described.toJson()));
        assertEquals(bare, ErrorResponse.parse(bare.toJson()));
        assertEquals("{\"error\":\"invalid_client\"}", bare.toJson());
    }

    @Test
    void unknownMembersSuchAsErrorUriAreIgnored() throws Exception {
        ErrorResponse r = ErrorResponse.parse("{\"error\":\"invalid_request\",\"error_description\":\"Missing "
                + "parameter: grant_type\",\"error_uri\":\"https://as.example/errors#grant\",\"trace_id\":\"abc\"}");

        assertEquals(new ErrorResponse("invalid_request", Optional.of("Missing parameter: grant_type")), r);
    }

    @Test
    void missingErrorOrMemberOfTheWrongTypeIsAParseException() {
        for (String json : List.of("{}", "{\"error_description\":\"x\"}", "{\"error\":400}",
                "{\"error\":\"invalid_grant\",\"error_description\":{\"en\":\"x\"}}", "<html>oops</html>")) {
            assertThrows(MessageParseException.class, () -> ErrorResponse.parse(json), json);
        }
    }

    @Test
    void nimbusOAuthSdkReadsWhatWeWrite() throws Exception {
        ErrorResponse ours = new ErrorResponse("invalid_scope", Optional.of("the scope is malformed"));

        TokenErrorResponse nimbus = TokenErrorResponse.parse(JSONObjectUtils.parse(ours.toJson()));

        assertEquals("invalid_scope", nimbus.getErrorObject().getCode());
        assertEquals("the scope is malformed", nimbus.getErrorObject().getDescription());
    }
}
