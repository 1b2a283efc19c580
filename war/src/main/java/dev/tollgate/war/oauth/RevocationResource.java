package dev.tollgate.war.oauth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** {@code POST /oauth2/revoke} (RFC 7009): 200 with an empty body, also for an unknown token. */
@RequestScoped
@Path("/oauth2/revoke")
public class RevocationResource {

    @Inject
    OAuthServices services;

    @POST
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        services.revocation().revoke(Optional.ofNullable(authorization), contentType, body);
        return Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
