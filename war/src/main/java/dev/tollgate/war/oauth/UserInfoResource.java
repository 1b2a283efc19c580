package dev.tollgate.war.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code GET} and {@code POST /oauth2/userinfo} (OpenID Connect Core §5.3.1: "MUST support the use of the HTTP GET
 * and HTTP POST methods"): the claims about the subject of a Bearer access token of this server, a user or a
 * service client. See {@code UserInfoEndpoint}. A POST body is ignored (the token comes in the header only).
 */
@RequestScoped
@Path("/oauth2/userinfo")
public class UserInfoResource {

    @Inject
    OAuthServices services;

    @GET
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return userInfo(authorization);
    }

    @POST
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return userInfo(authorization);
    }

    private Response userInfo(String authorization) {
        return ProtocolResponses.noStore(JSONObjectUtils.toJSONString(
                services.userInfo().userInfo(Optional.ofNullable(authorization))));
    }
}
