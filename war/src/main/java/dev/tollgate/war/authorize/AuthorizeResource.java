package dev.tollgate.war.authorize;

import dev.tollgate.impl.server.authorize.AuthorizationValidation;
import dev.tollgate.war.authorize.BrowserState.LoggedIn;
import dev.tollgate.war.oauth.ProtocolPaths;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /oauth2/authorize}: the authorization endpoint (RFC 6749 §4.1.1, PKCE S256 only, RFC 9207 {@code iss}).
 *
 * <p>An invalid client or redirect URI gets an HTML error page (400), never a redirect; other errors go back to the
 * client by 303. A valid request goes to the login page, then the consent page, then (303) to the client with
 * {@code code}, {@code state} and {@code iss}. With {@code Accept: application/json} it answers the consent
 * metadata instead (Rapidly seed).
 *
 * <p>The query string is read strictly first ({@code AuthorizationRequestQuery}): too long is a 414 page, malformed
 * (percent-encoding, UTF-8, control characters) a 400 page, neither ever redirected. A request that waits for the
 * login or consent is kept nowhere on the server: its validated fields travel sealed with the browser
 * ({@link BrowserState}), so this endpoint retains nothing for an unauthenticated request and any node can serve
 * the next step.
 */
@Path(ProtocolPaths.AUTHORIZE)
@Tag(name = "Authorization code flow")
public class AuthorizeResource {

    @Inject
    AuthorizeServices services;

    @GET
    @Operation(summary = "Start an authorization (RFC 6749 §4.1.1)", description = """
            A browser is sent (303) to the login page, then the consent page, then to the client's redirect URI with \
            `code`, `state` and `iss` (RFC 9207). PKCE with S256 is required. An unknown client or redirect URI gets \
            an error page (400), never a redirect; any other error goes back to the redirect URI as `error`, \
            `error_description`, `state` and `iss`. With `Accept: application/json` (and not \
            HTML) it answers the consent metadata instead of the pages.""")
    @Parameter(name = "response_type", in = ParameterIn.QUERY, required = true,
            schema = @Schema(type = SchemaType.STRING, enumeration = "code"))
    @Parameter(name = "client_id", in = ParameterIn.QUERY, required = true,
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "redirect_uri", in = ParameterIn.QUERY, schema = @Schema(type = SchemaType.STRING,
            format = "uri"), description = "Exactly a registered one; may be left out when the client has one only.")
    @Parameter(name = "code_challenge", in = ParameterIn.QUERY, required = true,
            description = "BASE64URL(SHA-256(code_verifier)), 43 characters.",
            schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]{43}$"))
    @Parameter(name = "code_challenge_method", in = ParameterIn.QUERY, required = true,
            schema = @Schema(type = SchemaType.STRING, enumeration = "S256"))
    @Parameter(name = "scope", in = ParameterIn.QUERY, description = "Space-separated; each allowed for the client.",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "state", in = ParameterIn.QUERY, description = "Returned unchanged to the client.",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "nonce", in = ParameterIn.QUERY, description = "OpenID Connect: copied into the ID Token.",
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "`Accept: application/json`: the consent metadata.",
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = AuthorizeSchemas.ConsentMetadata.class)))
    @APIResponse(responseCode = "303", description = """
            To the login or consent page, or to the client's redirect URI with the code or the error.""",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")))
    @APIResponse(responseCode = "400", description = """
            An unknown client, a missing or unregistered redirect URI, or a query string that cannot be read \
            (malformed percent-encoding, not UTF-8, a control character): an HTML error page, or with \
            `Accept: application/json` the OAuth error JSON (`invalid_request`, `invalid_client`).""",
            content = {
                    @Content(mediaType = AuthorizeFlow.HTML_PAGE, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = TollgateOpenApi.JSON,
                            schema = @Schema(ref = "OAuthErrorResponse"))})
    @APIResponse(responseCode = "414", description = """
            A query string over `tollgate.server.authorize.max-query-length` (8192 characters): the same error page \
            or JSON (`invalid_request`), never a redirect.""",
            content = {
                    @Content(mediaType = AuthorizeFlow.HTML_PAGE, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = TollgateOpenApi.JSON,
                            schema = @Schema(ref = "OAuthErrorResponse"))})
    @APIResponse(responseCode = "401", description = """
            `Accept: application/json` only: the browser has not signed in yet (`missing-credentials`); sign in at \
            the login page first.""",
            content = @Content(mediaType = TollgateOpenApi.PROBLEM_JSON, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "500", ref = "Problem500")
    @APIResponse(responseCode = "503", ref = "OAuthError503")
    public Response authorize(@Context UriInfo uriInfo, @Context HttpServletRequest request,
                              @Context HttpServletResponse response, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        AuthorizeFlow flow = new AuthorizeFlow(services, request, response);
        AuthorizationValidation validation = flow.validateQuery();
        if (!AuthorizeFlow.wantsJson(accept)) {
            return flow.start(validation);
        }
        if (validation instanceof AuthorizationValidation.ErrorPage page) {
            return AuthorizeFlow.jsonError(page.status(), page.error().code(), page.description());
        }
        if (validation instanceof AuthorizationValidation.ErrorRedirect redirect) {
            return AuthorizeFlow.jsonRedirect(redirect.location());
        }
        AuthorizationValidation.Valid valid = (AuthorizationValidation.Valid) validation;
        Optional<LoggedIn> user = flow.browser().user();
        if (user.isEmpty()) {
            return AuthorizeFlow.loginRequiredProblem(uriInfo.getPath());
        }
        boolean consentRequired = flow.service().consentRequired(valid.client(), valid.request(),
                user.get().subject());
        Map<String, Object> body = AuthorizeFlow.metadata(valid.client(), flow.service(), valid.request(),
                consentRequired);
        if (consentRequired) {
            // POST these to /oauth2/consent with "decision": "allow" or "deny".
            body.put("request_id", flow.browser().keepPending(valid.request()));
            body.put("csrf_token", flow.browser().csrfToken());
            return AuthorizeFlow.json(200, body);
        }
        URI location = flow.service().approve(valid.request(), user.get().subject(), user.get().authTime(),
                flow.issuer(), false);
        body.put("redirect_to", location.toString());
        return AuthorizeFlow.json(200, body);
    }
}
