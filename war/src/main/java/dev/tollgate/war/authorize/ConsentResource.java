package dev.tollgate.war.authorize;

import dev.tollgate.impl.server.authorize.AuthorizationValidation;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
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
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /oauth2/consent}: the consent page ({@code GET}) and the user's decision ({@code POST}, a form or, as in
 * the Rapidly seed, JSON {@code {"request_id", "csrf_token", "decision": "allow"|"deny"}}).
 *
 * <p>Allow remembers the consent for this user, client and scope set, issues a code and sends the browser (303) to
 * the client with {@code code}, {@code state} and {@code iss}; Deny sends {@code error=access_denied}. A JSON
 * request gets {@code {"redirect_to": ...}} instead of the 303.
 */
@Path("/oauth2/consent")
public class ConsentResource {

    @Inject
    AuthorizeServices services;

    @GET
    public Response page(@QueryParam("request_id") String requestId, @Context UriInfo uriInfo,
                         @Context HttpServletRequest request) {
        AuthorizeFlow flow = new AuthorizeFlow(services, request, uriInfo);
        Optional<AuthorizeSession.Pending> pending = flow.session().pending(requestId, flow.now());
        if (pending.isEmpty()) {
            return AuthorizeFlow.expired();
        }
        Optional<AuthorizeSession.LoggedIn> user = flow.session().user();
        if (user.isEmpty()
                || !(flow.validate(pending.get().parameters()) instanceof AuthorizationValidation.Valid valid)
                || !flow.service().consentRequired(valid.client(), valid.request(), user.get().subject())) {
            return flow.resume(requestId);
        }
        String page = Pages.consent(flow.action("oauth2/consent"), flow.session().csrfToken(), requestId,
                valid.client().name(), valid.client().id().value(), user.get().subject(),
                flow.service().describe(valid.request().scope()));
        return AuthorizeFlow.html(200, page, Optional.of(valid.request().redirectUri()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decideByForm(MultivaluedMap<String, String> form, @Context UriInfo uriInfo,
                                 @Context HttpServletRequest request,
                                 @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return decide(form.getFirst("csrf_token"), form.getFirst("request_id"), form.getFirst("decision"),
                AuthorizeFlow.wantsJson(accept), new AuthorizeFlow(services, request, uriInfo));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decideByJson(Map<String, String> body, @Context UriInfo uriInfo,
                                 @Context HttpServletRequest request) {
        Map<String, String> values = body == null ? Map.of() : body;
        return decide(values.get("csrf_token"), values.get("request_id"), values.get("decision"), true,
                new AuthorizeFlow(services, request, uriInfo));
    }

    private static Response decide(String csrfToken, String requestId, String decision, boolean json,
                                   AuthorizeFlow flow) {
        if (!flow.session().csrfValid(csrfToken)) {
            return json ? AuthorizeFlow.jsonError(403, "access_denied", "Missing or invalid CSRF token")
                    : AuthorizeFlow.forbidden();
        }
        Optional<AuthorizeSession.Pending> pending = flow.session().pending(requestId, flow.now());
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
        Optional<AuthorizeSession.LoggedIn> user = flow.session().user();
        if (user.isEmpty()
                || !(flow.validate(pending.get().parameters()) instanceof AuthorizationValidation.Valid valid)) {
            return flow.resume(requestId); // login first, or the error where it belongs
        }
        URI location = flow.decide(valid.request(), requestId, user.get(), allow);
        return json ? AuthorizeFlow.jsonRedirect(location) : AuthorizeFlow.redirect(location);
    }
}
