package dev.tollgate.impl.server.authorize;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.impl.server.protocol.RequestBody;
import dev.tollgate.impl.server.protocol.RequestParseException;
import java.util.List;
import java.util.Map;

/**
 * Reads the query string of {@code GET /oauth2/authorize} strictly, before any parameter is looked at: at most the
 * configured length, well-formed percent-encoding of UTF-8 (RFC 3986 §2.1, {@code +} as space as in forms), and no
 * control character in any name or value. A query that fails is refused with an error page and never redirected:
 * {@code client_id} and {@code redirect_uri} cannot be trusted from a request that cannot be read (RFC 6749
 * §4.1.2.1). Repeated and over-long single parameters are {@link AuthorizationRequests}' to judge.
 */
public final class AuthorizationRequestQuery {

    /** RFC 9110 §4.1 asks for request lines of at least 8,000 octets; a real authorization request needs less. */
    public static final int DEFAULT_MAX_LENGTH = 8192;

    private AuthorizationRequestQuery() {
    }

    /** The query cannot be read: carries the error page to answer with. */
    public static final class UnreadableQueryException extends Exception {

        private final transient AuthorizationValidation.ErrorPage page;

        UnreadableQueryException(String description, int status) {
            super(description, null, false, false);
            this.page = new AuthorizationValidation.ErrorPage(OAuthError.INVALID_REQUEST, description, status);
        }

        public AuthorizationValidation.ErrorPage page() {
            return page;
        }
    }

    /**
     * @param rawQuery  the query string as received (not decoded), or null for none
     * @param maxLength the longest query accepted, in characters
     * @return every parameter with all its values; a parameter sent without a value has none (RFC 6749 §3.1)
     * @throws UnreadableQueryException 414 for a query over {@code maxLength}, else 400
     */
    public static Map<String, List<String>> parse(String rawQuery, int maxLength) throws UnreadableQueryException {
        String query = rawQuery == null ? "" : rawQuery;
        if (query.length() > maxLength) {
            // RFC 9110 §15.5.15: 414 URI Too Long
            throw new UnreadableQueryException("The authorization request is longer than " + maxLength
                    + " characters", 414);
        }
        Map<String, List<String>> parameters;
        try {
            parameters = RequestBody.form(query);
        } catch (RequestParseException e) {
            throw new UnreadableQueryException("The authorization request has a malformed percent-encoding or is"
                    + " not UTF-8", 400);
        }
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (hasControl(parameter.getKey()) || parameter.getValue().stream()
                    .anyMatch(AuthorizationRequestQuery::hasControl)) {
                throw new UnreadableQueryException("The authorization request holds a control character", 400);
            }
        }
        return parameters;
    }

    /** C0 controls (NUL, CR, LF, ...), DEL and C1 controls: never part of any authorization request parameter. */
    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
