package dev.tollgate.war.oauth;

import dev.tollgate.impl.server.protocol.TokenResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * {@code POST /oauth2/token} (RFC 6749 §3.2): a form-encoded or JSON body. Errors are OAuthExceptions, rendered by
 * the OAuthExceptionMapper. The body is read as text for any content type, so that an unsupported one is an
 * {@code invalid_request}, not a 415.
 */
@RequestScoped
@Path("/oauth2/token")
public class TokenResource {

    @Inject
    OAuthServices services;

    @POST
    public Response token(@Context UriInfo uriInfo, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        TokenResponse response = services.token().token(services.issuer(uriInfo), Optional.ofNullable(authorization),
                contentType, body);
        return ProtocolResponses.noStore(response.toJson());
    }
}
