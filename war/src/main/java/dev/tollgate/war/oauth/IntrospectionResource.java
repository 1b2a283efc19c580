package dev.tollgate.war.oauth;

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

/** {@code POST /oauth2/introspect} (RFC 7662): for authenticated clients; {@code {"active":false}} when not active. */
@RequestScoped
@Path("/oauth2/introspect")
public class IntrospectionResource {

    @Inject
    OAuthServices services;

    @POST
    public Response introspect(@Context UriInfo uriInfo, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        return ProtocolResponses.noStore(services.introspection().introspect(services.issuer(uriInfo),
                Optional.ofNullable(authorization), contentType, body));
    }
}
