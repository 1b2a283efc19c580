package dev.tollgate.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registered values of {@link GrantType} and {@link ClientAuthMethod}, read back exactly. */
class EnumValuesTest {

    @Test
    void everyGrantTypeParsesFromItsValueInDeclarationOrder() {
        assertEquals(List.of("authorization_code", "client_credentials", "password", "refresh_token"),
                Arrays.stream(GrantType.values()).map(GrantType::value).toList());
        for (GrantType type : GrantType.values()) {
            assertEquals(Optional.of(type), GrantType.parse(type.value()));
            assertEquals(type.value(), type.toString());
        }
    }

    @Test
    void grantTypeValuesAreCaseSensitiveAndUnknownOnesAreEmpty() {
        assertEquals(Optional.empty(), GrantType.parse("Password"));
        assertEquals(Optional.empty(), GrantType.parse("implicit"));
        assertEquals(Optional.empty(), GrantType.parse("urn:ietf:params:oauth:grant-type:device_code"));
    }

    @Test
    void everyClientAuthMethodParsesFromItsValue() {
        assertEquals(List.of("client_secret_basic", "client_secret_post", "none", "private_key_jwt"),
                Arrays.stream(ClientAuthMethod.values()).map(ClientAuthMethod::value).toList());
        for (ClientAuthMethod method : ClientAuthMethod.values()) {
            assertEquals(Optional.of(method), ClientAuthMethod.parse(method.value()));
        }
        assertEquals(Optional.empty(), ClientAuthMethod.parse("NONE"));
        assertEquals(Optional.empty(), ClientAuthMethod.parse("client_secret_jwt"));
    }

    @Test
    void onlyNoneIsPublicAndTheSecretMethodsUseTheSecret() {
        assertTrue(ClientAuthMethod.CLIENT_SECRET_BASIC.confidential());
        assertTrue(ClientAuthMethod.CLIENT_SECRET_POST.confidential());
        assertFalse(ClientAuthMethod.NONE.confidential());
        assertTrue(ClientAuthMethod.CLIENT_SECRET_BASIC.usesClientSecret());
        assertTrue(ClientAuthMethod.CLIENT_SECRET_POST.usesClientSecret());
        assertFalse(ClientAuthMethod.NONE.usesClientSecret());
    }
}
