package dev.tollgate.war.oauth;

import dev.tollgate.impl.server.authorize.PushedAuthorizationRequests;
import dev.tollgate.impl.server.dpop.DpopProofCheck;
import dev.tollgate.impl.server.grant.TokenService;
import dev.tollgate.impl.server.key.SigningKeyStore;
import dev.tollgate.impl.server.protocol.ClientAuthenticator;
import dev.tollgate.impl.server.protocol.DiscoveryMetadata;
import dev.tollgate.impl.server.revocation.IntrospectionEndpoint;
import dev.tollgate.impl.server.revocation.RevocationEndpoint;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.userinfo.UserInfoEndpoint;
import dev.tollgate.war.startup.AuthorizationServer;
import dev.tollgate.war.startup.ServerBeans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * CDI home of the protocol endpoints' services (token, revoke, introspect, userinfo, metadata): the parts of the
 * one {@link AuthorizationServer}.
 */
@ApplicationScoped
public class OAuthServices {

    @Inject
    ServerBeans beans;

    private AuthorizationServer server() {
        return beans.server();
    }

    TokenService token() {
        return server().token();
    }

    DpopProofCheck dpop() {
        return server().dpop();
    }

    RevocationEndpoint revocation() {
        return server().revocation();
    }

    IntrospectionEndpoint introspection() {
        return server().introspection();
    }

    UserInfoEndpoint userInfo() {
        return server().userInfo();
    }

    SigningKeyStore signingKeys() {
        return server().signingKeys();
    }

    ClientStore clients() {
        return server().clients();
    }

    /** The configured issuer ({@code tollgate.server.issuer}); never the request's host. */
    String issuer() {
        return server().settings().tokens().issuer().value();
    }

    /**
     * The discovery documents, with the endpoints where this WAR serves them below the configured issuer: the same
     * for every request, so a shared cache may keep them.
     */
    DiscoveryMetadata metadata() {
        return new DiscoveryMetadata(ProtocolPaths.endpoints(issuer()), token().supportedGrants(),
                signingKeys().keys().stream().map(key -> key.algorithm().name()).distinct().toList(),
                dpop().settings().algorithmNames(), server().clientAuthenticator().assertionAlgorithms(),
                Optional.of(ProtocolPaths.parEndpoint(issuer())), pushedRequests().serverRequiresPar());
    }

    PushedAuthorizationRequests pushedRequests() {
        return server().pushedRequests();
    }

    ClientAuthenticator clientAuthenticator() {
        return server().clientAuthenticator();
    }
}
