package dev.tollgate.war.authorize;

import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /oauth2/logout}: ends this browser's login on the server (the {@code tollgate_login} cookie), so that
 * the next authorization asks for the password again. The web console calls it when the user signs out, after it has
 * revoked its refresh token; tokens already issued to other applications are theirs to revoke.
 *
 * <p>Only the server's own pages may call it: the request's {@code Origin} must be the issuer's origin (browsers send
 * it with every {@code POST}), so another site cannot sign a user out by a hidden form (a login CSRF in reverse).
 * Anything else is a 400 {@code bad-request} problem and the login stays. Idempotent: 204 whether or not a login
 * was there.
 */
@Path("/oauth2/logout")
@Tag(name = "Authorization code flow")
@APIResponse(responseCode = "500", ref = "Problem500")
public class LogoutResource {

    @Inject
    AuthorizeServices services;

    @POST
    @Operation(summary = "Sign out of the server", description = """
            Clears the browser's login cookie, so that the next authorization asks for the password again. The \
            `Origin` header must be the issuer's origin (the server's own pages, e.g. the console); otherwise 400 \
            `bad-request` and nothing changes. No body is read.""")
    @APIResponse(responseCode = "204", description = "Signed out (also when no login was there).",
            headers = @Header(name = "Set-Cookie", description = "`tollgate_login=` with `Max-Age=0`.",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "No `Origin`, or another site's.",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response logOut(@Context HttpServletRequest request, @Context HttpServletResponse response) {
        String origin = request.getHeader("Origin");
        if (origin == null || !origin.toLowerCase(Locale.ROOT).equals(originOf(services.issuer().value()))) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    "A sign-out must come from this server's own pages (the Origin header).");
        }
        new AuthorizeFlow(services, request, response).browser().logOut();
        return Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** {@code scheme://host[:port]} of the issuer, lower case, as a browser writes {@code Origin} (RFC 6454 §6.1). */
    static String originOf(String issuer) {
        URI uri = URI.create(issuer);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port < 0 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
