package dev.tollgate.war.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /oauth2/jwks}: the public signing keys (the current one, its waiting successor and the retired ones
 * whose tokens may still be valid). Only public members: {@code JWKSet.toJSONObject(true)}. Cacheable for five
 * minutes, far less than the time a new key is published ahead of signing.
 */
@RequestScoped
@Path("/oauth2/jwks")
public class JwksResource {

    @Inject
    OAuthServices services;

    @GET
    public Response jwks() {
        return ProtocolResponses.cacheable(JSONObjectUtils.toJSONString(
                services.signingKeys().publicKeys().toJSONObject(true)), 300);
    }
}
