package dev.tollgate.war.authorize;

import dev.tollgate.impl.server.authorize.AuthorizationValidation;
import dev.tollgate.war.authorize.AuthorizeSession.LoggedIn;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
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

/**
 * {@code GET /oauth2/authorize}: the authorization endpoint (RFC 6749 §4.1.1, PKCE S256 only, RFC 9207 {@code iss}).
 *
 * <p>An invalid client or redirect URI gets an HTML error page (400), never a redirect; other errors go back to the
 * client by 303. A valid request goes to the login page, then the consent page, then (303) to the client with
 * {@code code}, {@code state} and {@code iss}. With {@code Accept: application/json} it answers the consent
 * metadata instead (Rapidly seed).
 */
@Path("/oauth2/authorize")
public class AuthorizeResource {

    @Inject
    AuthorizeServices services;

    @GET
    public Response authorize(@Context UriInfo uriInfo, @Context HttpServletRequest request,
                              @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        AuthorizeFlow flow = new AuthorizeFlow(services, request, uriInfo);
        Map<String, java.util.List<String>> parameters = uriInfo.getQueryParameters();
        if (!AuthorizeFlow.wantsJson(accept)) {
            return flow.start(parameters);
        }
        AuthorizationValidation validation = flow.validate(parameters);
        if (validation instanceof AuthorizationValidation.ErrorPage page) {
            return AuthorizeFlow.jsonError(400, page.error().code(), page.description());
        }
        if (validation instanceof AuthorizationValidation.ErrorRedirect redirect) {
            return AuthorizeFlow.jsonRedirect(redirect.location());
        }
        AuthorizationValidation.Valid valid = (AuthorizationValidation.Valid) validation;
        Optional<LoggedIn> user = flow.session().user();
        if (user.isEmpty()) {
            return AuthorizeFlow.loginRequiredProblem(uriInfo.getPath());
        }
        boolean consentRequired = flow.service().consentRequired(valid.client(), valid.request(),
                user.get().subject());
        Map<String, Object> body = AuthorizeFlow.metadata(valid.client(), flow.service(), valid.request(),
                consentRequired);
        if (consentRequired) {
            // POST these to /oauth2/consent with "decision": "allow" or "deny".
            body.put("request_id", flow.session().addPending(parameters, flow.now()));
            body.put("csrf_token", flow.session().csrfToken());
        } else {
            URI location = flow.service().approve(valid.request(), user.get().subject(), user.get().authTime(),
                    flow.issuer(), false);
            body.put("redirect_to", location.toString());
        }
        return AuthorizeFlow.json(200, body);
    }
}
