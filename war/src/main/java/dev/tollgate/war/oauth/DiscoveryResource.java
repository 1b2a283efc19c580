package dev.tollgate.war.oauth;

import dev.tollgate.impl.server.protocol.ServerMetadata;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The discovery documents: {@code /.well-known/oauth-authorization-server} (RFC 8414 §3) and
 * {@code /.well-known/openid-configuration} (OpenID Connect Discovery 1.0 §4).
 */
@RequestScoped
@Path("/.well-known")
public class DiscoveryResource {

    @Inject
    OAuthServices services;

    @GET
    @Path("oauth-authorization-server")
    public Response oauth(@Context UriInfo uriInfo) {
        return ProtocolResponses.cacheable(ServerMetadata.toJson(services.metadata(uriInfo).oauth()), 300);
    }

    @GET
    @Path("openid-configuration")
    public Response openid(@Context UriInfo uriInfo) {
        return ProtocolResponses.cacheable(ServerMetadata.toJson(services.metadata(uriInfo).openid()), 300);
    }
}
