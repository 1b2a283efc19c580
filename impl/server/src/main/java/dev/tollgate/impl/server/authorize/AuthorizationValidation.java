package dev.tollgate.impl.server.authorize;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.impl.server.store.Client;
import java.net.URI;
import java.util.Objects;

/** What {@link AuthorizationRequests#validate} decided about a request to the authorization endpoint. */
public sealed interface AuthorizationValidation {

    /** A request to act on. */
    record Valid(AuthorizationRequest request, Client client) implements AuthorizationValidation {
        public Valid {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(client, "client");
        }
    }

    /**
     * The client or its redirect URI is not valid, or the request could not be read at all: the user gets an error
     * page, and the browser is <b>never</b> redirected (RFC 6749 §4.1.2.1), or the endpoint would be an open
     * redirector (RFC 9700 §4.11).
     *
     * @param status 400, or 414 for a query string over the configured length
     */
    record ErrorPage(OAuthError error, String description, int status) implements AuthorizationValidation {
        public ErrorPage {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(description, "description");
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("an error page is a 4xx");
            }
        }

        public ErrorPage(OAuthError error, String description) {
            this(error, description, 400);
        }
    }

    /** Any other error: sent back to the (valid) redirect URI, RFC 6749 §4.1.2.1. */
    record ErrorRedirect(URI location, OAuthError error) implements AuthorizationValidation {
        public ErrorRedirect {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(error, "error");
        }
    }
}
