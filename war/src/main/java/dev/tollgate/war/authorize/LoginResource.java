package dev.tollgate.war.authorize;

import dev.tollgate.impl.server.audit.AuditEventType;
import dev.tollgate.impl.server.authorize.AuthorizationValidation;
import dev.tollgate.impl.server.authorize.FlowSeals;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.throttle.AccountLockout;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
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
 * {@code /oauth2/login}: the login page of the authorization code flow.
 *
 * <p>{@code GET} renders the form (inputs {@code username} and {@code password}, a CSRF token, the id of the
 * pending authorization request's sealed handle). {@code POST} checks the password against the user store (a disabled
 * account is refused like a wrong password), sets a fresh sealed login cookie (and so a fresh CSRF token), and
 * continues the pending request. The password is never logged or echoed.
 *
 * <p>Each check is reserved first with the server's {@link AccountLockout}, shared with the password grant and plain
 * headers: a locked account gets 429 with {@code Retry-After} and its password is not checked.
 */
@Path("/oauth2/login")
@Tag(name = "Authorization code flow")
@APIResponse(responseCode = "303", description = "On to the next step of the pending authorization request.",
        headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")))
@APIResponse(responseCode = "500", ref = "Problem500")
@APIResponse(responseCode = "503", ref = "OAuthError503")
public class LoginResource {

    static final String INVALID = "Invalid email or password.";

    @Inject
    AuthorizeServices services;

    @GET
    @Operation(summary = "The login page")
    @APIResponse(responseCode = "200", description = "The login form.",
            content = @Content(mediaType = AuthorizeFlow.HTML_PAGE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The pending request is unknown or has expired: an error page.",
            content = @Content(mediaType = AuthorizeFlow.HTML_PAGE,
                    schema = @Schema(type = SchemaType.STRING)))
    public Response page(@QueryParam("request_id") String requestId,
                         @Context HttpServletRequest request, @Context HttpServletResponse response) {
        AuthorizeFlow flow = new AuthorizeFlow(services, request, response);
        if (requestId == null) {
            return loginPage(flow, Optional.empty(), Optional.empty(), Optional.empty(), "", 200);
        }
        Optional<FlowSeals.Pending> pending = flow.browser().pending(requestId);
        if (pending.isEmpty()) {
            return AuthorizeFlow.expired();
        }
        if (flow.browser().user().isPresent()) {
            return flow.resume(requestId);
        }
        AuthorizationValidation validation = flow.validate(pending.get());
        if (!(validation instanceof AuthorizationValidation.Valid valid)) {
            return flow.resume(requestId); // sends the error where it belongs
        }
        return loginPage(flow, Optional.of(requestId), Optional.of(valid), Optional.empty(), "", 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign in", description = """
            Checks the password; a disabled account is refused like a wrong password. A fresh sealed login cookie \
            replaces any earlier one and the pending request continues (303).""")
    @APIResponse(responseCode = "200", description = """
            The login page again with "Invalid email or password.", or, without a pending request, "Signed in".""",
            content = @Content(mediaType = AuthorizeFlow.HTML_PAGE,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "Email or password missing, or the request expired: a page.",
            content = @Content(mediaType = AuthorizeFlow.HTML_PAGE,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "A missing or wrong CSRF token: an error page.",
            content = @Content(mediaType = AuthorizeFlow.HTML_PAGE,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "415", ref = "Problem415")
    @APIResponse(responseCode = "429", description = """
            Too many failures (here, at the password grant or with plain headers): the account is locked for a \
            while; a page.""",
            headers = @Header(name = "Retry-After", ref = "Retry-After"),
            content = @Content(mediaType = AuthorizeFlow.HTML_PAGE,
                    schema = @Schema(type = SchemaType.STRING)))
    public Response login(@RequestBody(required = true, content = @Content(
                                  mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                  schema = @Schema(implementation = AuthorizeSchemas.LoginForm.class)))
                          MultivaluedMap<String, String> form,
                          @Context HttpServletRequest request, @Context HttpServletResponse response) {
        AuthorizeFlow flow = new AuthorizeFlow(services, request, response);
        if (!flow.browser().csrfValid(form.getFirst("csrf_token"))) {
            return AuthorizeFlow.forbidden();
        }
        Optional<String> requestId = Optional.ofNullable(form.getFirst("request_id")).filter(id -> !id.isEmpty());
        Optional<AuthorizationValidation.Valid> valid = Optional.empty();
        if (requestId.isPresent()) {
            Optional<FlowSeals.Pending> pending = flow.browser().pending(requestId.get());
            if (pending.isEmpty()) {
                return AuthorizeFlow.expired();
            }
            if (flow.validate(pending.get()) instanceof AuthorizationValidation.Valid v) {
                valid = Optional.of(v);
            }
        }
        String username = Optional.ofNullable(form.getFirst("username")).orElse("").trim();
        String password = Optional.ofNullable(form.getFirst("password")).orElse("");
        if (username.isEmpty() || password.isEmpty()) {
            return loginPage(flow, requestId, valid, Optional.of("Enter your email and password."), username, 400);
        }
        AccountLockout.Reservation reservation = services.lockout().reserve(username, request.getRemoteAddr());
        // A failure names no account: what was typed may be none, or a password typed into the name field.
        String clientId = valid.map(v -> v.client().id().value()).orElse(null);
        if (!(reservation instanceof AccountLockout.Attempt attempt)) {
            services.audit().failure(AuditEventType.LOGIN_LOCKED).client(clientId).detail("via", "login-page")
                    .record();
            long seconds = ((AccountLockout.Locked) reservation).retryAfterSeconds();
            return Response.fromResponse(loginPage(flow, requestId, valid, Optional.of("Too many failed attempts."
                    + " Try again in " + seconds + " seconds."), username, 429))
                    .header(HttpHeaders.RETRY_AFTER, seconds).build();
        }
        Optional<User> user;
        // Closing releases the reservation uncounted when the check throws (the database is down).
        try (attempt) {
            char[] secret = password.toCharArray();
            try {
                user = services.users().verifyPassword(username, secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
            if (user.isEmpty()) {
                attempt.failed();
                services.audit().failure(AuditEventType.LOGIN_FAILED).client(clientId).detail("via", "login-page")
                        .record();
                return loginPage(flow, requestId, valid, Optional.of(INVALID), username, 200);
            }
            attempt.succeeded();
        }
        services.audit().success(AuditEventType.LOGIN_SUCCEEDED).subject(user.get().subject())
                .actor(user.get().subject()).client(clientId).detail("via", "login-page").record();
        flow.browser().logIn(user.get().subject());
        if (requestId.isPresent()) {
            return flow.resume(requestId.get());
        }
        return AuthorizeFlow.html(200, Pages.message("Signed in", "You are signed in as " + user.get().email()
                + "."), Optional.empty());
    }

    private static Response loginPage(AuthorizeFlow flow, Optional<String> requestId,
                                      Optional<AuthorizationValidation.Valid> valid, Optional<String> error,
                                      String username, int status) {
        String page = Pages.login(flow.action("oauth2/login"), flow.browser().csrfToken(), requestId,
                valid.map(v -> v.client().name()), error, username);
        return AuthorizeFlow.html(status, page, valid.map(v -> v.request().redirectUri()));
    }
}
