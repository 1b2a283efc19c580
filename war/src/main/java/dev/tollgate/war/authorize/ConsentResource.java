package dev.tollgate.war.authorize;

import dev.tollgate.impl.server.authorize.AuthorizationValidation;
import dev.tollgate.impl.server.authorize.FlowSeals;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.war.openapi.TollgateOpenApi;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /oauth2/consent}: the consent page ({@code GET}) and the user's decision ({@code POST}, a form or, as in
 * the Rapidly seed, JSON {@code {"request_id", "csrf_token", "decision": "allow"|"deny"}}).
 *
 * <p>Allow remembers the consent for this user, client and scope set, issues a code and sends the browser (303) to
 * the client with {@code code}, {@code state} and {@code iss}; Deny sends {@code error=access_denied}. A JSON
 * request gets {@code {"redirect_to": ...}} instead of the 303.
 */
@Path("/oauth2/consent")
@Tag(name = "Authorization code flow")
@APIResponse(responseCode = "303", description = """
        To the client's redirect URI with `code` (allow) or `error=access_denied` (deny), or to the next step of the \
        pending request.""",
        headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")))
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "OAuthError503")
public class ConsentResource {

    @Inject
    AuthorizeServices services;

    @GET
    @Operation(summary = "The consent page")
    @APIResponse(responseCode = "200", description = "The client, the scopes in words, Allow and Deny.",
            content = @Content(mediaType = AuthorizeFlow.HTML_PAGE,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The pending request is unknown or has expired: an error page.",
            content = @Content(mediaType = AuthorizeFlow.HTML_PAGE,
                    schema = @Schema(type = SchemaType.STRING)))
    public Response page(@QueryParam("request_id") String requestId,
                         @Context HttpServletRequest request, @Context HttpServletResponse response) {
        AuthorizeFlow flow = new AuthorizeFlow(services, request, response);
        Optional<FlowSeals.Pending> pending = flow.browser().pending(requestId);
        if (pending.isEmpty()) {
            return AuthorizeFlow.expired();
        }
        Optional<BrowserState.LoggedIn> user = flow.browser().user();
        if (user.isEmpty()
                || !(flow.validate(pending.get()) instanceof AuthorizationValidation.Valid valid)
                || !flow.service().consentRequired(valid.client(), valid.request(), user.get().subject())) {
            return flow.resume(requestId);
        }
        // The login holds the user's opaque subject; the page names the user by the email they signed in with.
        String signedInAs = services.users().findBySubject(user.get().subject()).map(User::email)
                .orElse(user.get().subject());
        String page = Pages.consent(flow.action("oauth2/consent"), flow.browser().csrfToken(), requestId,
                valid.client().name(), valid.client().id().value(), signedInAs,
                flow.service().describe(valid.request().scope()));
        return AuthorizeFlow.html(200, page, Optional.of(valid.request().redirectUri()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Allow or deny", description = """
            The user's decision, as a form (answered with a 303) or as JSON (answered with `redirect_to`; also a \
            form sent with `Accept: application/json`). Allow remembers the consent for this user, client and \
            scope set.""")
    @APIResponse(responseCode = "200", description = "A JSON request: where the browser goes next.",
            content = @Content(mediaType = TollgateOpenApi.JSON,
                    schema = @Schema(implementation = AuthorizeSchemas.RedirectTo.class)))
    @APIResponse(responseCode = "400", description = """
            An unknown, expired, altered, another browser's or already answered `request_id`, or a `decision` other \
            than allow or deny: an error page, or for JSON the OAuth error JSON (`invalid_request`).""",
            content = {@Content(mediaType = AuthorizeFlow.HTML_PAGE, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = TollgateOpenApi.JSON, schema = @Schema(ref = "OAuthErrorResponse"))})
    @APIResponse(responseCode = "403", description = """
            A missing or wrong CSRF token: an error page, or for JSON the OAuth error JSON (`access_denied`).""",
            content = {@Content(mediaType = AuthorizeFlow.HTML_PAGE, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = TollgateOpenApi.JSON, schema = @Schema(ref = "OAuthErrorResponse"))})
    @APIResponse(responseCode = "415", ref = "Problem415")
    public Response decideByForm(@RequestBody(required = true, content = @Content(
                                         mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                         schema = @Schema(implementation = AuthorizeSchemas.ConsentDecision.class)))
                                 MultivaluedMap<String, String> form,
                                 @Context HttpServletRequest request, @Context HttpServletResponse response,
                                 @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return decide(form.getFirst("csrf_token"), form.getFirst("request_id"), form.getFirst("decision"),
                AuthorizeFlow.wantsJson(accept), new AuthorizeFlow(services, request, response));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decideByJson(@RequestBody(required = true, content = @Content(
                                         mediaType = MediaType.APPLICATION_JSON,
                                         schema = @Schema(implementation = AuthorizeSchemas.ConsentDecision.class)))
                                 Map<String, String> body,
                                 @Context HttpServletRequest request, @Context HttpServletResponse response) {
        Map<String, String> values = body == null ? Map.of() : body;
        return decide(values.get("csrf_token"), values.get("request_id"), values.get("decision"), true,
                new AuthorizeFlow(services, request, response));
    }

    private static Response decide(String csrfToken, String requestId, String decision, boolean json,
                                   AuthorizeFlow flow) {
        if (!flow.browser().csrfValid(csrfToken)) {
            return json ? AuthorizeFlow.jsonError(403, "access_denied", "Missing or invalid CSRF token")
                    : AuthorizeFlow.forbidden();
        }
        Optional<FlowSeals.Pending> pending = flow.browser().pending(requestId);
        if (pending.isEmpty()) {
            return json ? AuthorizeFlow.jsonError(400, "invalid_request", "Unknown or expired request_id")
                    : AuthorizeFlow.expired();
        }
        boolean allow = "allow".equals(decision);
        if (!allow && !"deny".equals(decision)) {
            return json ? AuthorizeFlow.jsonError(400, "invalid_request", "decision must be allow or deny")
                    : AuthorizeFlow.html(400, Pages.error("Invalid request", "invalid_request",
                    "Choose Allow or Deny."), Optional.empty());
        }
        Optional<BrowserState.LoggedIn> user = flow.browser().user();
        if (user.isEmpty()
                || !(flow.validate(pending.get()) instanceof AuthorizationValidation.Valid valid)) {
            return flow.resume(requestId); // login first, or the error where it belongs
        }
        if (!flow.answerOnce(pending.get())) {
            return json ? AuthorizeFlow.jsonError(400, "invalid_request", "Unknown or expired request_id")
                    : AuthorizeFlow.expired();
        }
        URI location = flow.decide(valid.request(), user.get(), allow);
        return json ? AuthorizeFlow.jsonRedirect(location) : AuthorizeFlow.redirect(location);
    }
}
