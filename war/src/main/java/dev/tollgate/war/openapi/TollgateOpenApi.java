package dev.tollgate.war.openapi;

/**
 * The names that the OpenAPI annotations of every resource share: media types and security scheme names, as
 * constants so that a misspelt name does not compile. The document-wide definition (info, tags, security schemes,
 * the reusable headers and error responses) is on this package ({@code package-info.java}), where Liberty's
 * mpOpenAPI reads it; the package documentation says how to annotate a resource.
 */
public final class TollgateOpenApi {

    /** The media type of RFC 9457 problem bodies. */
    public static final String PROBLEM_JSON = "application/problem+json";
    /** The media type of OAuth error bodies and of every success body. */
    public static final String JSON = "application/json";

    /** Security scheme: a Bearer access token (JWT). */
    public static final String BEARER_JWT = "bearerJwt";
    /** Security scheme: the plain header {@code X-API-Email}; always required together with {@link #API_PASSWORD}. */
    public static final String API_EMAIL = "apiEmail";
    /** Security scheme: the plain header {@code X-API-Password}. */
    public static final String API_PASSWORD = "apiPassword";
    /** Security scheme: client authentication by HTTP Basic ({@code client_secret_basic}). */
    public static final String CLIENT_BASIC = "clientBasic";
    /** Security scheme: an RFC 7592 registration access token as Bearer. */
    public static final String REGISTRATION_TOKEN = "registrationToken";

    private TollgateOpenApi() {
    }
}
