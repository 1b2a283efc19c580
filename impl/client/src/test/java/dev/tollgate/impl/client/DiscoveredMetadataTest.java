package dev.tollgate.impl.client;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.impl.protocol.ServerMetadata;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** What the client takes from a discovered document (RFC 8414 §3.3), and what it refuses. */
class DiscoveredMetadataTest {

    private static final URI ISSUER = URI.create("https://as.example/tenant");

    private static ServerMetadata.Builder document(String issuer) {
        return ServerMetadata.builder(issuer).tokenEndpoint(URI.create("https://as.example/tenant/token"));
    }

    @Test
    void theConfiguredIssuersDocumentIsAccepted() throws Exception {
        ServerMetadata metadata = document(ISSUER.toString())
                .authorizationEndpoint(URI.create("https://login.as.example/authorize"))
                .revocationEndpoint(URI.create("https://as.example/tenant/revoke")).build();

        assertSame(metadata, DiscoveredMetadata.accept(metadata, ISSUER));
    }

    @Test
    void anIssuerThatIsNotIdenticalIsRefused() {
        for (String other : new String[] {"https://evil.example", "https://as.example/tenant/",
                "https://AS.example/tenant"}) {
            assertThrows(DiscoveredMetadata.Refused.class,
                    () -> DiscoveredMetadata.accept(document(other).build(), ISSUER), other);
        }
    }

    @Test
    void aDocumentWithoutTokenEndpointIsRefused() {
        assertThrows(DiscoveredMetadata.Refused.class,
                () -> DiscoveredMetadata.accept(ServerMetadata.builder(ISSUER.toString()).build(), ISSUER));
    }

    @Test
    void anEndpointTheClientCannotCallSafelyIsRefused() {
        ServerMetadata downgrade = document(ISSUER.toString())
                .revocationEndpoint(URI.create("http://as.example/tenant/revoke")).build();
        ServerMetadata relative = document(ISSUER.toString()).authorizationEndpoint(URI.create("/authorize")).build();
        ServerMetadata notHttp = ServerMetadata.builder(ISSUER.toString())
                .tokenEndpoint(URI.create("ftp://as.example/token")).build();

        for (ServerMetadata metadata : new ServerMetadata[] {downgrade, relative, notHttp}) {
            assertThrows(DiscoveredMetadata.Refused.class, () -> DiscoveredMetadata.accept(metadata, ISSUER),
                    metadata::toString);
        }
    }

    @Test
    void plainHttpEndpointsAreFineForAPlainHttpIssuer() throws Exception {
        URI local = URI.create("http://127.0.0.1:8080");
        ServerMetadata metadata = ServerMetadata.builder(local.toString())
                .tokenEndpoint(URI.create("http://127.0.0.1:8080/oauth2/token")).build();

        assertSame(metadata, DiscoveredMetadata.accept(metadata, local));
    }
}
