package dev.tollgate.impl.jwt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link CompactJws} reads every token exactly as Nimbus's {@link SignedJWT#parse} does. */
class CompactJwsTest {

    private static RSAKey key;
    private static String token;

    @BeforeAll
    static void signToken() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
                .type(new JOSEObjectType("at+jwt")).build(), new JWTClaimsSet.Builder().issuer("https://as.example")
                .subject("ü-user").claim("roles", List.of("a", "b")).expirationTime(new Date(4_000_000_000_000L))
                .build());
        jwt.sign(new RSASSASigner(key));
        token = jwt.serialize();
    }

    @Test
    void parseWhenTokenThenWhatNimbusReads() throws Exception {
        SignedJWT ours = CompactJws.parse(token);
        SignedJWT nimbus = SignedJWT.parse(token);

        assertEquals(nimbus.getHeader().toJSONObject(), ours.getHeader().toJSONObject());
        assertEquals(nimbus.getJWTClaimsSet().toJSONObject(), ours.getJWTClaimsSet().toJSONObject());
        assertEquals("ü-user", ours.getJWTClaimsSet().getSubject());
        assertArrayEquals(nimbus.getSignature().decode(), ours.getSignature().decode());
        assertEquals(nimbus.getSigningInput().length, ours.getSigningInput().length);
        assertEquals(token, ours.getParsedString());
        assertTrue(ours.verify(new RSASSAVerifier(key.toRSAPublicKey())));
    }

    @Test
    void parseWhenTamperedThenSignatureFails() throws Exception {
        String[] parts = token.split("\\.");
        String otherClaims = Base64URL.encode("{\"sub\":\"mallory\"}").toString();

        assertFalse(CompactJws.parse(parts[0] + "." + otherClaims + "." + parts[2])
                .verify(new RSASSAVerifier(key.toRSAPublicKey())));
    }

    @Test
    void decodeWhenNotStrictBase64UrlThenNimbusBytes() {
        // The standard alphabet, padding, and stray characters: the JDK's URL decoder refuses each, Nimbus's reads
        // them, and so do we, to the same bytes.
        for (String part : List.of("ab+/cd==", "YWJj=", "YW Jj", "YWJjZA=", "Y", "_-_-", "")) {
            assertArrayEquals(new Base64URL(part).decode(),
                    new CompactJws.PublicPart(new Base64URL(part)).decode(), part);
        }
    }

    @Test
    void parseWhenNotThreePartsThenParseExceptionAsNimbus() {
        for (String bad : List.of("abc", "a.b", "a.b.c.d.e", "a.b.c.d")) {
            ParseException nimbus = assertThrows(ParseException.class, () -> SignedJWT.parse(bad), bad);
            ParseException ours = assertThrows(ParseException.class, () -> CompactJws.parse(bad), bad);
            assertEquals(nimbus.getMessage(), ours.getMessage(), bad);
        }
    }

    @Test
    void hasThreePartsWhenExactlyTwoDots() {
        assertTrue(CompactJws.hasThreeParts("a.b.c"));
        assertTrue(CompactJws.hasThreeParts("a..c"));
        assertFalse(CompactJws.hasThreeParts("a.b"));
        assertFalse(CompactJws.hasThreeParts("abc"));
        assertFalse(CompactJws.hasThreeParts("a.b.c.d.e"));
        assertFalse(CompactJws.hasThreeParts("a.b.c."));
    }

    @Test
    void parseWhenHeaderNotJsonThenParseException() {
        String notJson = Base64URL.encode("not json").toString();

        assertThrows(ParseException.class, () -> CompactJws.parse(notJson + ".e30.c2ln"));
    }
}
