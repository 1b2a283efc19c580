package dev.tollgate.war.authorize;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import dev.tollgate.impl.server.authorize.AuthorizationRequest;
import dev.tollgate.impl.server.authorize.AuthorizationRequestQuery;
import dev.tollgate.impl.server.authorize.AuthorizationService;
import dev.tollgate.impl.server.authorize.AuthorizationValidation;
import dev.tollgate.impl.server.authorize.FlowSeals;
import dev.tollgate.impl.server.token.Issuer;
import dev.tollgate.impl.server.store.Client;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request's step through authorize → login → consent → redirect, shared by the three resources. All OAuth
 * decisions are the {@link AuthorizationService}'s; this class maps them to HTTP. The flow's state is the
 * browser's ({@link BrowserState}): any node can serve any step.
 */
final class AuthorizeFlow {

    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    /** The media type of the pages in the OpenAPI document. */
    static final String HTML_PAGE = MediaType.TEXT_HTML;

    private final AuthorizeServices services;
    private final HttpServletRequest request;
    private final BrowserState browser;
    private final Issuer issuer;

    AuthorizeFlow(AuthorizeServices services, HttpServletRequest request, HttpServletResponse response) {
        this.services = services;
        this.request = request;
        // Secure on every response over HTTPS (tls-on.xml), and on all of them when the configuration says that
        // browsers reach the server over HTTPS only (behind a proxy that terminates TLS).
        this.browser = new BrowserState(request, response, services.seals(), services.users(),
                services.settings().cookieSecure() || request.isSecure());
        this.issuer = services.issuer();
    }

    BrowserState browser() {
        return browser;
    }

    AuthorizationService service() {
        return services.service();
    }

    Issuer issuer() {
        return issuer;
    }

    AuthorizationValidation validate(Map<String, List<String>> parameters) {
        return services.service().validate(parameters, issuer);
    }

    /**
     * This request's query string, read strictly ({@link AuthorizationRequestQuery}), then validated: a
     * {@code request_uri} is replaced by the request its client pushed, once (RFC 9126 §4), and a client that must
     * push its requests is refused without one.
     */
    AuthorizationValidation validateQuery() {
        try {
            return services.pushedRequests().validate(AuthorizationRequestQuery.parse(request.getQueryString(),
                    services.maxQueryLength()), issuer);
        } catch (AuthorizationRequestQuery.UnreadableQueryException e) {
            return e.page();
        }
    }

    /** A pending request validated again from its parameters: its client may have changed since. */
    AuthorizationValidation validate(FlowSeals.Pending pending) {
        return validate(pending.parameters());
    }

    /** GET /oauth2/authorize, HTML: straight to the client if nothing needs asking, else via login or consent. */
    Response start(AuthorizationValidation validation) {
        if (validation instanceof AuthorizationValidation.ErrorPage page) {
            return errorPage(page);
        }
        if (validation instanceof AuthorizationValidation.ErrorRedirect redirect) {
            return redirect(redirect.location());
        }
        AuthorizationValidation.Valid valid = (AuthorizationValidation.Valid) validation;
        Optional<BrowserState.LoggedIn> user = browser.user();
        if (user.isPresent() && !service().consentRequired(valid.client(), valid.request(), user.get().subject())) {
            return redirect(service().approve(valid.request(), user.get().subject(), user.get().authTime(), issuer,
                    false));
        }
        String next = user.isEmpty() ? "oauth2/login" : "oauth2/consent";
        return redirect(local(next, browser.keepPending(valid.request())));
    }

    /** After login, or for a consent page that no longer needs asking: the next step of a pending request. */
    Response resume(String requestId) {
        Optional<FlowSeals.Pending> pending = browser.pending(requestId);
        if (pending.isEmpty()) {
            return expired();
        }
        AuthorizationValidation validation = validate(pending.get());
        if (validation instanceof AuthorizationValidation.ErrorPage page) {
            return errorPage(page);
        }
        if (validation instanceof AuthorizationValidation.ErrorRedirect redirect) {
            return redirect(redirect.location());
        }
        AuthorizationValidation.Valid valid = (AuthorizationValidation.Valid) validation;
        Optional<BrowserState.LoggedIn> user = browser.user();
        if (user.isEmpty()) {
            return redirect(local("oauth2/login", requestId));
        }
        if (service().consentRequired(valid.client(), valid.request(), user.get().subject())) {
            return redirect(local("oauth2/consent", requestId));
        }
        if (!answerOnce(pending.get())) {
            return expired();
        }
        return redirect(service().approve(valid.request(), user.get().subject(), user.get().authTime(), issuer,
                false));
    }

    /**
     * Records that the pending request is being answered: true for the first answer on any node, false when it was
     * answered already (a consent form sent again, the login page reloaded after its code went out). The browser
     * still holds the sealed request; this is the one thing it cannot be trusted to forget.
     */
    boolean answerOnce(FlowSeals.Pending pending) {
        return services.usedRequests().markUsed(pending.id(), pending.expiresAt());
    }

    /** The user's decision on the consent page. */
    URI decide(AuthorizationRequest authorizationRequest, BrowserState.LoggedIn user, boolean allow) {
        return allow ? service().approve(authorizationRequest, user.subject(), user.authTime(), issuer, true)
                : service().deny(authorizationRequest, issuer);
    }

    /** A page of this server, below the configured issuer like every endpoint: never below the request's Host. */
    URI local(String path, String requestId) {
        return UriBuilder.fromUri(issuer.value()).path(path).queryParam("request_id", requestId).build();
    }

    String action(String path) {
        return request.getContextPath() + "/" + path;
    }

    static Response redirect(URI location) {
        return PageHeaders.apply(Response.seeOther(location), Optional.empty()).build();
    }

    static Response html(int status, String page, Optional<String> redirectUri) {
        // As bytes: RESTEasy HTML-escapes a String entity of a 400 text/html response (its "HTML sanitizer"), which
        // turned every error page into escaped markup.
        return PageHeaders.apply(Response.status(status).type(HTML).entity(page.getBytes(StandardCharsets.UTF_8)),
                redirectUri).build();
    }

    static Response errorPage(AuthorizationValidation.ErrorPage page) {
        return html(page.status(), Pages.error("Invalid request", page.error().code(), page.description()),
                Optional.empty());
    }

    static Response expired() {
        return html(400, Pages.error("Request expired", OAuthError.INVALID_REQUEST.code(),
                "This sign-in request is unknown or has expired. Go back to the application and start again."),
                Optional.empty());
    }

    static Response forbidden() {
        return html(403, Pages.error("Forbidden", "invalid_csrf_token",
                "The form has expired or did not come from this site. Reload the page and try again."),
                Optional.empty());
    }

    static Response json(int status, Object body) {
        return PageHeaders.apply(Response.status(status).type(MediaType.APPLICATION_JSON).entity(body),
                Optional.empty()).build();
    }

    static Response jsonError(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return json(status, body);
    }

    static Response jsonRedirect(URI location) {
        return json(200, Map.of("redirect_to", location.toString()));
    }

    static Response loginRequiredProblem(String instance) {
        Problem problem = Problem.of(ProblemType.MISSING_CREDENTIALS,
                "Sign in at the login page first; this endpoint uses the browser's login cookie.", instance);
        return PageHeaders.apply(Response.status(401).type(Problem.MEDIA_TYPE).entity(problem.toJson()),
                Optional.empty()).build();
    }

    /** The JSON consent metadata (Rapidly seed): client, scopes in words, whether consent is needed. */
    static Map<String, Object> metadata(Client client, AuthorizationService service,
                                        AuthorizationRequest authorizationRequest, boolean consentRequired) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> clientView = new LinkedHashMap<>();
        clientView.put("client_id", client.id().value());
        clientView.put("name", client.name());
        body.put("client", clientView);
        body.put("scopes", service.describe(authorizationRequest.scope()).stream()
                .map(scope -> Map.of("scope", scope.scope(), "description", scope.description())).toList());
        body.put("consent_required", consentRequired);
        return body;
    }

    /** Whether the client asked for JSON rather than a page (Accept names JSON and not HTML). */
    static boolean wantsJson(String accept) {
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }
}
