package dev.tollgate.impl.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientDefinitionTest {

    @Test
    void publicClientWithClientCredentialsIsRejected() {
        ClientDefinitionException e = assertThrows(ClientDefinitionException.class,
                () -> TestClients.publicApp("web").grantTypes(GrantType.CLIENT_CREDENTIALS).build());
        assertEquals("grants", e.field());
    }

    @Test
    void authorizationCodeWithoutRedirectUriIsRejected() {
        ClientDefinitionException e = assertThrows(ClientDefinitionException.class,
                () -> TestClients.publicApp("web").redirectUris(List.of()).build());
        assertEquals("redirect-uris", e.field());
    }

    @Test
    void redirectUriMustBeAbsoluteWithoutFragmentOrSpaces() {
        for (String uri : List.of("/relative/cb", "https://app.example.com/cb#frag", "https://a.example/x y", "")) {
            ClientDefinitionException e = assertThrows(ClientDefinitionException.class,
                    () -> TestClients.publicApp("web").redirectUris(List.of(uri)).build(), uri);
            assertEquals("redirect-uris", e.field());
        }
        assertEquals(List.of("com.example.app:/oauth2redirect"),
                TestClients.publicApp("native").redirectUris(List.of("com.example.app:/oauth2redirect")).build()
                        .redirectUris());
    }

    @Test
    void scopeMustBeAnRfc6749ScopeToken() {
        for (String scope : List.of("two words", "quote\"", "back\\slash", "")) {
            ClientDefinitionException e = assertThrows(ClientDefinitionException.class,
                    () -> TestClients.confidential("svc").scopes(List.of(scope)).build(), scope);
            assertEquals("scopes", e.field());
        }
    }

    @Test
    void lifetimeMustBeAPositiveWholeNumberOfSeconds() {
        assertEquals("access-token-lifetime", assertThrows(ClientDefinitionException.class,
                () -> TestClients.confidential("svc").accessTokenLifetime(Duration.ZERO).build()).field());
        assertEquals("refresh-token-lifetime", assertThrows(ClientDefinitionException.class,
                () -> TestClients.confidential("svc").refreshTokenLifetime(Duration.ofMillis(1500)).build()).field());
    }

    @Test
    void atLeastOneGrantAndANameAreRequired() {
        assertEquals("grants", assertThrows(ClientDefinitionException.class,
                () -> TestClients.confidential("svc").grantTypes(List.of()).build()).field());
        assertEquals("name", assertThrows(ClientDefinitionException.class,
                () -> TestClients.confidential("svc").name(" ").build()).field());
    }

    @Test
    void duplicateRedirectUrisCollapseInOrder() {
        ClientDefinition definition = TestClients.publicApp("web")
                .redirectUris(List.of("https://b.example/cb", "https://a.example/cb", "https://b.example/cb")).build();

        assertEquals(List.of("https://b.example/cb", "https://a.example/cb"), definition.redirectUris());
        assertTrue(TestClients.confidential("svc").build().confidential());
    }

    @Test
    void clientIdMustBeVisibleAsciiWithoutSpaces() {
        assertThrows(IllegalArgumentException.class, () -> new ClientId("has space"));
        assertThrows(IllegalArgumentException.class, () -> new ClientId(""));
        assertThrows(IllegalArgumentException.class, () -> new ClientId("é"));
        assertTrue(ClientId.parse("ok-id_1.2~").isPresent());
        assertTrue(ClientId.parse(null).isEmpty());
    }

    @Test
    void nameWithControlOrBidiCharactersIsRejected() {
        for (String name : List.of("nul\u0000", "rlo\u202Eppa", "lri\u2066x\u2069", "zwsp\u200B")) {
            assertEquals("name", assertThrows(ClientDefinitionException.class,
                    () -> TestClients.confidential("svc").name(name).build(), name).field());
        }
    }

    @Test
    void redirectUriWithUserInformationIsRejected() {
        assertEquals("redirect-uris", assertThrows(ClientDefinitionException.class,
                () -> TestClients.publicApp("web").redirectUris(List.of("http://evil.example@127.0.0.1/cb")).build())
                .field());
    }

    @Test
    void authMethodMustAgreeWithTheSecret() {
        assertEquals("token-endpoint-auth-method", assertThrows(ClientDefinitionException.class,
                () -> TestClients.confidential("svc").authMethod(ClientAuthMethod.NONE).build()).field());
        assertEquals("token-endpoint-auth-method", assertThrows(ClientDefinitionException.class,
                () -> TestClients.publicApp("web").authMethod(ClientAuthMethod.CLIENT_SECRET_POST).build()).field());
        assertEquals(Optional.of(ClientAuthMethod.CLIENT_SECRET_POST), TestClients.confidential("svc")
                .authMethod(ClientAuthMethod.CLIENT_SECRET_POST).build().authMethod());
    }
}
