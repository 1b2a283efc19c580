package dev.tollgate.impl.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import dev.tollgate.impl.introspect.IntrospectionConfig;
import dev.tollgate.impl.jwt.JwtConfig;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.verification.ClaimMapping;
import dev.tollgate.impl.verification.ClaimPath;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GateConfigTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void defaultsApplyWhenNothingIsSet() {
        GateConfig config = TestConfigs.gate();

        assertTrue(config.enabled());
        assertEquals("tollgate", config.realm());
        assertEquals(GateConfig.Mode.REQUIRED, config.mode());
        assertTrue(config.publicPaths().isEmpty());
        assertTrue(config.corsPreflight());
        assertFalse(TestConfigs.gate("cors-preflight", "false").corsPreflight());
        assertEquals(8192, config.maxTokenSize());
        assertEquals(10_000, config.tokenCacheSize());
        assertEquals(ClaimMapping.defaults(), config.claims(), "roles: roles and groups; scopes: scope and scp");
        assertEquals(List.of("roles", "groups"), config.claims().roles().stream().map(ClaimPath::toString).toList());
        assertEquals(List.of("scope", "scp"), config.claims().scopes().stream().map(ClaimPath::toString).toList());
        assertEquals(List.of(), config.issuers());
        assertEquals(Duration.ofSeconds(30), config.clockSkew());
        assertEquals(Optional.empty(), config.jwt(), "JWT verification is off without a key source");
        assertEquals(Optional.empty(), config.introspection());
        GateConfig.PlainHeadersConfig plain = config.plainHeaders();
        assertEquals(Optional.empty(), plain.enabled(), "on when something can check them");
        assertEquals("X-API-Email", plain.emailHeader());
        assertEquals("X-API-Password", plain.passwordHeader());
        assertEquals(Duration.ofSeconds(60), plain.cacheTtl());
        assertEquals(5, plain.maxFailures());
        assertEquals(50, plain.maxAccountFailures());
        assertEquals(Duration.ofSeconds(60), plain.lockout());
        assertEquals("tollgate.gate.plain-headers.max-account-failures", assertThrows(ConfigurationException.class,
                () -> TestConfigs.gate("plain-headers.max-failures", "20", "plain-headers.max-account-failures", "10"))
                .key());
    }

    @Test
    void jwtDefaultsApplyOnceAnIssuerIsSet() {
        JwtConfig jwt = TestConfigs.gate("issuer", "https://issuer.example").jwt().orElseThrow();

        assertEquals(Optional.of("https://issuer.example"), jwt.issuer());
        assertTrue(jwt.discovery());
        assertEquals(Optional.empty(), jwt.jwksUri());
        assertEquals(Optional.empty(), jwt.jwksFile());
        assertEquals(Set.of(), jwt.audiences());
        assertEquals(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA),
                jwt.algorithms());
        assertEquals(Optional.empty(), jwt.hmacSecret());
        assertEquals(Optional.empty(), jwt.requiredType());
        assertEquals(Duration.ofSeconds(30), jwt.clockSkew());
        assertEquals(Duration.ofMinutes(5), jwt.jwksCacheTtl());
        assertEquals(Duration.ofSeconds(5), jwt.jwksRefreshCooldown());
        assertEquals(Duration.ofSeconds(2), jwt.connectTimeout());
        assertEquals(Duration.ofSeconds(5), jwt.readTimeout());
    }

    @Test
    void everyKeyIsRead() {
        GateConfig config = TestConfigs.gate(
                "enabled", "TRUE", "realm", "api", "mode", "Optional", "public-paths", "/health, /docs/*",
                "issuer", "https://issuer.example", "discovery", "false", "jwks-uri", "https://keys.example/jwks",
                "jwks-file", "/etc/keys.json", "audience", "a, b", "algorithms", "es256,EdDSA,PS512",
                "hmac-secret", SECRET, "required-type", "application/AT+JWT", "clock-skew", "5m",
                "max-token-size", "4096", "jwks-cache-ttl", "1h", "jwks-refresh-cooldown", "500ms",
                "http-connect-timeout", "1s", "http-read-timeout", "PT3S", "roles-claims", "realm_roles",
                "token-cache-size", "0",
                "introspection.endpoint", "https://as.example/introspect", "introspection.client-id", "gate",
                "introspection.client-secret", "s3cret", "introspection.max-cache", "1m",
                "introspection.inactive-cache", "0s",
                "plain-headers.enabled", "false", "plain-headers.email-header", "X-User",
                "plain-headers.password-header", "X-Pass", "plain-headers.cache-ttl", "0s",
                "plain-headers.max-failures", "3", "plain-headers.lockout", "15m");

        assertEquals("api", config.realm());
        assertEquals(GateConfig.Mode.OPTIONAL, config.mode());
        assertTrue(config.publicPaths().matches("/docs/x"));
        assertEquals(4096, config.maxTokenSize());
        assertEquals(0, config.tokenCacheSize());
        assertEquals(List.of(ClaimPath.parse("realm_roles")), config.claims().roles());
        JwtConfig jwt = config.jwt().orElseThrow();
        assertFalse(jwt.discovery());
        assertEquals(Optional.of(URI.create("https://keys.example/jwks")), jwt.jwksUri());
        assertEquals(Optional.of(Path.of("/etc/keys.json")), jwt.jwksFile());
        assertEquals(Set.of("a", "b"), jwt.audiences());
        assertEquals(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA, JWSAlgorithm.PS512), jwt.algorithms());
        assertTrue(jwt.acceptedAlgorithms().contains(JWSAlgorithm.HS256));
        assertEquals(Optional.of("at+jwt"), jwt.requiredType());
        assertEquals(Duration.ofMinutes(5), jwt.clockSkew());
        assertEquals(Duration.ofHours(1), jwt.jwksCacheTtl());
        assertEquals(Duration.ofMillis(500), jwt.jwksRefreshCooldown());
        assertEquals(Duration.ofSeconds(3), jwt.readTimeout());
        IntrospectionConfig introspection = config.introspection().orElseThrow();
        assertEquals(URI.create("https://as.example/introspect"), introspection.endpoint());
        assertEquals("gate", introspection.clientId());
        assertEquals(Duration.ofMinutes(1), introspection.maxCache());
        assertEquals(Duration.ZERO, introspection.inactiveCache());
        assertEquals(Duration.ofSeconds(1), introspection.connectTimeout());
        GateConfig.PlainHeadersConfig plain = config.plainHeaders();
        assertEquals(Optional.of(false), plain.enabled());
        assertEquals("X-User", plain.emailHeader());
        assertEquals(3, plain.maxFailures());
        assertEquals(Duration.ofMinutes(15), plain.lockout());
    }

    @Test
    void hmacSecretAloneTurnsJwtVerificationOn() {
        JwtConfig jwt = TestConfigs.gate("hmac-secret", SECRET).jwt().orElseThrow();

        assertFalse(jwt.hasKeySource());
        assertTrue(jwt.acceptedAlgorithms().contains(JWSAlgorithm.HS256));
    }

    @Test
    void issuerWithoutDiscoveryIsFineWithAJwksFile() {
        assertTrue(TestConfigs.gate("issuer", "urn:not-a-url", "discovery", "false", "jwks-file", "/k.json")
                .jwt().isPresent());
    }

    @Test
    void secretsNeverAppearInToString() {
        GateConfig config = TestConfigs.gate("hmac-secret", SECRET,
                "introspection.endpoint", "https://as.example/introspect", "introspection.client-id", "gate",
                "introspection.client-secret", "client-secret-value");

        assertFalse(config.toString().contains(SECRET));
        assertFalse(config.toString().contains("client-secret-value"));
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of(new String[] {"enabled", "maybe"}, "tollgate.gate.enabled"),
                Arguments.of(new String[] {"realm", "a\"b"}, "tollgate.gate.realm"),
                Arguments.of(new String[] {"mode", "sometimes"}, "tollgate.gate.mode"),
                Arguments.of(new String[] {"public-paths", "health"}, "tollgate.gate.public-paths"),
                Arguments.of(new String[] {"public-paths", "/a/*/b"}, "tollgate.gate.public-paths"),
                Arguments.of(new String[] {"issuer", "not a url"}, "tollgate.gate.issuer"),
                Arguments.of(new String[] {"issuer", "https://i.example", "discovery", "no"},
                        "tollgate.gate.discovery"),
                Arguments.of(new String[] {"issuer", "https://i.example", "discovery", "false"},
                        "tollgate.gate.jwks-uri"),
                Arguments.of(new String[] {"jwks-uri", "ftp://keys.example/jwks"}, "tollgate.gate.jwks-uri"),
                Arguments.of(new String[] {"jwks-uri", "/relative/jwks"}, "tollgate.gate.jwks-uri"),
                Arguments.of(new String[] {"jwks-file", "bad\0path"}, "tollgate.gate.jwks-file"),
                Arguments.of(new String[] {"algorithms", "none"}, "tollgate.gate.algorithms"),
                Arguments.of(new String[] {"algorithms", "RS256,HS256"}, "tollgate.gate.algorithms"),
                Arguments.of(new String[] {"algorithms", "RS1"}, "tollgate.gate.algorithms"),
                Arguments.of(new String[] {"algorithms", " , "}, "tollgate.gate.algorithms"),
                Arguments.of(new String[] {"hmac-secret", "too-short"}, "tollgate.gate.hmac-secret"),
                Arguments.of(new String[] {"clock-skew", "6m"}, "tollgate.gate.clock-skew"),
                Arguments.of(new String[] {"clock-skew", "soon"}, "tollgate.gate.clock-skew"),
                Arguments.of(new String[] {"max-token-size", "100"}, "tollgate.gate.max-token-size"),
                Arguments.of(new String[] {"max-token-size", "8k"}, "tollgate.gate.max-token-size"),
                Arguments.of(new String[] {"jwks-cache-ttl", "0s"}, "tollgate.gate.jwks-cache-ttl"),
                Arguments.of(new String[] {"jwks-refresh-cooldown", "0ms"}, "tollgate.gate.jwks-refresh-cooldown"),
                Arguments.of(new String[] {"jwks-refresh-cooldown", "10m"}, "tollgate.gate.jwks-refresh-cooldown"),
                Arguments.of(new String[] {"http-connect-timeout", "0s"}, "tollgate.gate.http-connect-timeout"),
                Arguments.of(new String[] {"http-connect-timeout", "2m"}, "tollgate.gate.http-connect-timeout"),
                Arguments.of(new String[] {"http-read-timeout", "forever"}, "tollgate.gate.http-read-timeout"),
                Arguments.of(new String[] {"token-cache-size", "-1"}, "tollgate.gate.token-cache-size"),
                Arguments.of(new String[] {"introspection.endpoint", "nope"},
                        "tollgate.gate.introspection.endpoint"),
                Arguments.of(new String[] {"introspection.endpoint", "https://as.example/i"},
                        "tollgate.gate.introspection.client-id"),
                Arguments.of(new String[] {"introspection.endpoint", "https://as.example/i",
                    "introspection.client-id", "gate"}, "tollgate.gate.introspection.client-secret"),
                Arguments.of(new String[] {"introspection.client-id", "gate"},
                        "tollgate.gate.introspection.client-id"),
                Arguments.of(new String[] {"introspection.client-secret", "s"},
                        "tollgate.gate.introspection.client-secret"),
                Arguments.of(new String[] {"introspection.max-cache", "2d"}, "tollgate.gate.introspection.max-cache"),
                Arguments.of(new String[] {"introspection.inactive-cache", "x"},
                        "tollgate.gate.introspection.inactive-cache"),
                Arguments.of(new String[] {"plain-headers.enabled", "1"}, "tollgate.gate.plain-headers.enabled"),
                Arguments.of(new String[] {"plain-headers.email-header", "X API"},
                        "tollgate.gate.plain-headers.email-header"),
                Arguments.of(new String[] {"plain-headers.email-header", "authorization"},
                        "tollgate.gate.plain-headers.email-header"),
                Arguments.of(new String[] {"plain-headers.password-header", "x-api-email"},
                        "tollgate.gate.plain-headers.password-header"),
                Arguments.of(new String[] {"plain-headers.cache-ttl", "2h"}, "tollgate.gate.plain-headers.cache-ttl"),
                Arguments.of(new String[] {"plain-headers.max-failures", "0"},
                        "tollgate.gate.plain-headers.max-failures"),
                Arguments.of(new String[] {"plain-headers.lockout", "0s"}, "tollgate.gate.plain-headers.lockout"),
                Arguments.of(new String[] {"roles-claims", "realm_access..roles"}, "tollgate.gate.roles-claims"),
                Arguments.of(new String[] {"roles-claims", "https://example.com/roles"},
                        "tollgate.gate.roles-claims"),
                Arguments.of(new String[] {"scopes-claims", "[scp"}, "tollgate.gate.scopes-claims"),
                Arguments.of(new String[] {"roles-claims", "resource_access.{client}.roles"},
                        "tollgate.gate.client-id"),
                Arguments.of(new String[] {"jwks-file", "/k.json", "scopes-claims", "{client}_scopes"},
                        "tollgate.gate.client-id"),
                Arguments.of(new String[] {"issuers.kc.jwks-uri", "https://kc.example/certs"},
                        "tollgate.gate.issuers.kc.issuer"),
                Arguments.of(new String[] {"issuers.kc.issuer", "https://kc.example", "issuers.kc.jwks_uri",
                    "https://kc.example/certs"}, "tollgate.gate.issuers.kc.jwks_uri"),
                Arguments.of(new String[] {"issuers.k c.issuer", "https://kc.example"},
                        "tollgate.gate.issuers.k c.issuer"),
                Arguments.of(new String[] {"issuers.kc.issuer", "not a url"}, "tollgate.gate.issuers.kc.issuer"),
                Arguments.of(new String[] {"issuers.kc.issuer", "https://kc.example", "issuers.kc.clock-skew", "1m"},
                        "tollgate.gate.issuers.kc.clock-skew"),
                Arguments.of(new String[] {"issuers.kc.issuer", "https://kc.example", "issuers.kc.algorithms",
                    "none"}, "tollgate.gate.issuers.kc.algorithms"),
                Arguments.of(new String[] {"issuers.kc.issuer", "https://kc.example", "issuers.kc.roles-claims",
                    "resource_access.{client}.roles"}, "tollgate.gate.issuers.kc.client-id"),
                Arguments.of(new String[] {"issuers.kc.issuer", "https://kc.example", "issuers.kc.hmac-secret",
                    "short"}, "tollgate.gate.issuers.kc.hmac-secret"),
                Arguments.of(new String[] {"issuers.kc.issuer", "https://kc.example",
                    "issuers.kc.introspection.endpoint", "https://kc.example/i"},
                        "tollgate.gate.issuers.kc.introspection.client-id"),
                Arguments.of(new String[] {"issuers.a.issuer", "https://same.example", "issuers.b.issuer",
                    "https://same.example"}, "tollgate.gate.issuers.b.issuer"),
                Arguments.of(new String[] {"issuer", "https://same.example", "issuers.b.issuer",
                    "https://same.example"}, "tollgate.gate.issuers.b.issuer"),
                Arguments.of(new String[] {"jwks-uri", "https://keys.example/jwks", "issuers.kc.issuer",
                    "https://kc.example"}, "tollgate.gate.issuer"),
                Arguments.of(new String[] {"introspection.endpoint", "https://as.example/i",
                    "introspection.client-id", "gate", "introspection.client-secret", "s",
                    "issuers.kc.issuer", "https://kc.example", "issuers.kc.introspection.endpoint",
                    "https://kc.example/i", "issuers.kc.introspection.client-id", "gate",
                    "issuers.kc.introspection.client-secret", "s"}, "tollgate.gate.issuers.kc.introspection.endpoint"),
                Arguments.of(new String[] {"issuer", "https://i.example", "discovery", "false"},
                        "tollgate.gate.jwks-uri"),
                Arguments.of(new String[] {"external-base-url", "api.example.com"}, "tollgate.gate.external-base-url"),
                Arguments.of(new String[] {"external-base-url", "https://api.example.com/?x=1"},
                        "tollgate.gate.external-base-url"),
                Arguments.of(new String[] {"external-base-url", "https://u@api.example.com"},
                        "tollgate.gate.external-base-url"),
                Arguments.of(new String[] {"dpop.enabled", "true"}, "tollgate.gate.dpop.enabled"),
                Arguments.of(new String[] {"external-base-url", B, "dpop.enabled", "false", "dpop.required", "true"},
                        "tollgate.gate.dpop.required"),
                Arguments.of(new String[] {"external-base-url", B, "dpop.algorithms", "none"},
                        "tollgate.gate.dpop.algorithms"),
                Arguments.of(new String[] {"external-base-url", B, "dpop.algorithms", "ES256,HS256"},
                        "tollgate.gate.dpop.algorithms"),
                Arguments.of(new String[] {"external-base-url", B, "dpop.algorithms", ","},
                        "tollgate.gate.dpop.algorithms"),
                Arguments.of(new String[] {"external-base-url", B, "dpop.max-proof-age", "0s"},
                        "tollgate.gate.dpop.max-proof-age"),
                Arguments.of(new String[] {"external-base-url", B, "dpop.max-proof-age", "11m"},
                        "tollgate.gate.dpop.max-proof-age"),
                Arguments.of(new String[] {"external-base-url", B, "dpop.replay-cache-size", "99"},
                        "tollgate.gate.dpop.replay-cache-size"),
                Arguments.of(new String[] {"external-base-url", B, "dpop.nonce-secret", "too-short"},
                        "tollgate.gate.dpop.nonce-secret"),
                Arguments.of(new String[] {"external-base-url", B, "dpop.nonce-lifetime", "1s"},
                        "tollgate.gate.dpop.nonce-lifetime"),
                Arguments.of(new String[] {"external-base-url", B, "dpop.enabled", "false", "dpop.nonce", "true"},
                        "tollgate.gate.dpop.nonce"),
                Arguments.of(new String[] {"resource-metadata.enabled", "true"},
                        "tollgate.gate.resource-metadata.enabled"),
                Arguments.of(new String[] {"external-base-url", B, "resource-metadata.resource", "urn:x"},
                        "tollgate.gate.resource-metadata.resource"),
                Arguments.of(new String[] {"external-base-url", B, "resource-metadata.resource", B + "/a#b"},
                        "tollgate.gate.resource-metadata.resource"),
                Arguments.of(new String[] {"external-base-url", B, "resource-metadata.resource-documentation", "doc"},
                        "tollgate.gate.resource-metadata.resource-documentation"));
    }

    static final String B = "https://api.example.com";

    @Test
    void dpopAndResourceMetadataAreOnOnlyWithAnExternalBaseUrl() {
        GateConfig off = TestConfigs.gate();
        GateConfig on = TestConfigs.gate("external-base-url", B, "issuer", "https://i.example");
        GateConfig metadataOnly = TestConfigs.gate("external-base-url", B, "dpop.enabled", "false");

        assertFalse(off.dpop().enabled());
        assertFalse(off.resourceMetadata().enabled());
        assertTrue(on.dpop().enabled());
        assertFalse(on.dpop().required());
        assertEquals("ES256 RS256 PS256 EdDSA", on.dpop().algorithmNames());
        assertEquals(java.time.Duration.ofSeconds(60), on.dpop().maxProofAge());
        assertEquals(100_000, on.dpop().replayCacheSize());
        assertTrue(on.resourceMetadata().enabled());
        assertEquals(java.util.List.of("https://i.example"), on.resourceMetadata().authorizationServers());
        assertFalse(metadataOnly.dpop().enabled());
        assertTrue(metadataOnly.resourceMetadata().enabled());
    }

    @ParameterizedTest(name = "{1} = {0}")
    @MethodSource("invalidValues")
    void invalidValueFailsNamingItsKey(String[] keysAndValues, String expectedKey) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> TestConfigs.gate(keysAndValues));

        assertEquals(expectedKey, e.key());
        assertTrue(e.getMessage().contains(expectedKey), e.getMessage());
    }

    @Test
    void claimPathsAndClientIdAreRead() {
        GateConfig config = TestConfigs.gate("roles-claims", "realm_access.roles, resource_access.{client}.roles,"
                        + " [https://example.com/roles]", "scopes-claims", "scp", "client-id", "orders-api");

        assertEquals(List.of("realm_access.roles", "resource_access.orders-api.roles", "[https://example.com/roles]"),
                config.claims().roles().stream().map(ClaimPath::toString).toList());
        assertEquals(List.of(ClaimPath.parse("scp")), config.claims().scopes());
    }

    @Test
    void shortFormKeysMakeOneIssuer() {
        GateConfig config = TestConfigs.gate("issuer", "https://issuer.example", "audience", "api",
                "introspection.endpoint", "https://issuer.example/introspect", "introspection.client-id", "gate",
                "introspection.client-secret", "s");

        IssuerConfig issuer = config.issuers().get(0);
        assertEquals(1, config.issuers().size());
        assertEquals(IssuerConfig.SHORT_FORM, issuer.name());
        assertTrue(issuer.isShortForm());
        assertEquals("tollgate.gate.", issuer.keyPrefix());
        assertEquals(Optional.of("https://issuer.example"), issuer.issuer());
        IntrospectionConfig introspection = config.introspection().orElseThrow();
        assertEquals(Optional.of("https://issuer.example"), introspection.issuer(), "the same issuer key");
        assertEquals(Set.of("api"), introspection.audiences(), "the same audience key");
    }

    @Test
    void namedIssuersInheritTheShortFormPolicyButNeverItsKeys() {
        GateConfig config = TestConfigs.gate("issuer", "https://old.example", "jwks-uri", "https://old.example/keys",
                "hmac-secret", SECRET, "audience", "orders-api", "algorithms", "RS256", "required-type", "at+jwt",
                "roles-claims", "resource_access.{client}.roles", "client-id", "orders",
                "issuers.kc.issuer", "https://kc.example/realms/a",
                "issuers.zitadel.issuer", "https://zitadel.example", "issuers.zitadel.audience", "z-1, z-2",
                "issuers.zitadel.roles-claims", "urn:zitadel:iam:org:project:roles",
                "issuers.zitadel.scopes-claims", "scope", "issuers.zitadel.algorithms", "ES256",
                "issuers.okta.issuer", "https://okta.example", "issuers.okta.client-id", "okta-app",
                "issuers.okta.discovery", "false", "issuers.okta.jwks-uri", "https://okta.example/v1/keys");

        assertEquals(List.of("default", "kc", "okta", "zitadel"),
                config.issuers().stream().map(IssuerConfig::name).toList());
        IssuerConfig kc = config.issuers().get(1);
        JwtConfig kcJwt = kc.jwt().orElseThrow();
        assertEquals("tollgate.gate.issuers.kc.", kc.keyPrefix());
        assertEquals(Optional.of("https://kc.example/realms/a"), kcJwt.issuer());
        assertTrue(kcJwt.discovery());
        assertEquals(Optional.empty(), kcJwt.jwksUri(), "key sources are never inherited");
        assertEquals(Optional.empty(), kcJwt.hmacSecret(), "nor secrets");
        assertEquals(Set.of("orders-api"), kcJwt.audiences());
        assertEquals(Set.of(JWSAlgorithm.RS256), kcJwt.algorithms());
        assertEquals(Optional.of("at+jwt"), kcJwt.requiredType());
        assertEquals(List.of(ClaimPath.parse("resource_access.orders.roles")), kc.claims().roles());
        IssuerConfig okta = config.issuers().get(2);
        assertEquals(List.of(ClaimPath.parse("resource_access.okta-app.roles")), okta.claims().roles(),
                "an inherited {client} path takes the issuer's own client-id");
        assertEquals(Optional.of(URI.create("https://okta.example/v1/keys")), okta.jwt().orElseThrow().jwksUri());
        IssuerConfig zitadel = config.issuers().get(3);
        assertEquals(Set.of("z-1", "z-2"), zitadel.jwt().orElseThrow().audiences());
        assertEquals(Set.of(JWSAlgorithm.ES256), zitadel.jwt().orElseThrow().algorithms());
        assertEquals(List.of(ClaimPath.parse("urn:zitadel:iam:org:project:roles")), zitadel.claims().roles());
        assertEquals(List.of(ClaimPath.parse("scope")), zitadel.claims().scopes());
    }

    @Test
    void namedIssuersAloneNeedNoShortFormIssuer() {
        GateConfig config = TestConfigs.gate("audience", "api", "roles-claims", "resource_access.{client}.roles",
                "issuers.a.issuer", "https://a.example", "issuers.a.client-id", "app-a",
                "issuers.b.issuer", "https://b.example", "issuers.b.client-id", "app-b");

        assertEquals(List.of("a", "b"), config.issuers().stream().map(IssuerConfig::name).toList());
        assertEquals(Optional.empty(), config.jwt(), "no short-form issuer");
        assertEquals(List.of(), config.claims().roles(), "the short-form {client} path serves as a default only");
        assertEquals(Set.of("api"), config.policy().audiences());
    }

    @Test
    void namedIssuerWithIntrospectionOnlyIntrospectsItsJwtsToo() {
        GateConfig config = TestConfigs.gate("issuers.op.issuer", "https://op.example", "issuers.op.discovery",
                "false", "issuers.op.audience", "api", "issuers.op.introspection.endpoint",
                "https://op.example/token/introspection", "issuers.op.introspection.client-id", "gate",
                "issuers.op.introspection.client-secret", "s");

        IssuerConfig op = config.issuers().get(0);
        assertEquals(Optional.empty(), op.jwt());
        assertEquals(Optional.of("https://op.example"), op.introspection().orElseThrow().issuer());
        assertEquals(Set.of("api"), op.introspection().orElseThrow().audiences());
    }

    @Test
    void dpopAndMetadataKeysHaveTheirEnvironmentSpelling() {
        Map<String, String> environment = Map.of(
                "TOLLGATE_GATE_EXTERNAL_BASE_URL", "https://api.example.com",
                "TOLLGATE_GATE_DPOP_MAX_PROOF_AGE", "20s",
                "TOLLGATE_GATE_DPOP_REPLAY_CACHE_SIZE", "5000",
                "TOLLGATE_GATE_RESOURCE_METADATA_RESOURCE_NAME", "Orders API");
        ConfigSource env = ConfigSource.listing(key -> Optional.ofNullable(environment.get(
                ConfigSource.environmentName(key))), environment::keySet);

        GateConfig config = GateConfig.from(new Settings(env, GateConfig.PREFIX));

        assertEquals(Optional.of(URI.create("https://api.example.com")), config.externalBaseUrl());
        assertEquals(java.time.Duration.ofSeconds(20), config.dpop().maxProofAge());
        assertEquals(5000, config.dpop().replayCacheSize());
        assertEquals(Optional.of("Orders API"), config.resourceMetadata().resourceName());
    }

    @Test
    void issuerNamesComeFromEnvironmentVariablesToo() {
        Map<String, String> environment = Map.of(
                "TOLLGATE_GATE_ISSUERS_OLD_IDP_ISSUER", "https://old.example",
                "TOLLGATE_GATE_ISSUERS_OLD_IDP_INTROSPECTION_CLIENT_ID", "gate",
                "TOLLGATE_GATE_ISSUERS_KC_JWKS_URI", "https://kc.example/certs",
                "TOLLGATE_GATE_ISSUERS_KC_ISSUER", "https://kc.example",
                "TOLLGATE_GATE_ISSUERS_X", "not a key of an issuer",
                "PATH", "/usr/bin");
        ConfigSource env = ConfigSource.listing(key -> Optional.ofNullable(environment.get(
                ConfigSource.environmentName(key))), environment::keySet);

        assertEquals(Set.of("kc", "old_idp"), GateConfig.issuerNames(new Settings(env, GateConfig.PREFIX)));
    }

    @Test
    void issuerNamesComeFromEnvironmentVariablesAsLibertyListsThemToo() {
        // Liberty lists TOLLGATE_GATE_ISSUERS_OLD_IDP_JWKS_URI among the property names as below; the values are
        // found under the real names, which MicroProfile Config maps to the variables.
        Map<String, String> listed = Map.of(
                "tollgate.gate.issuers.old.idp.jwks.uri", "https://old.example/certs",
                "tollgate.gate.issuers.old.idp.issuer", "https://old.example",
                "tollgate.gate.issuers.kc.introspection.client.id", "gate");

        assertEquals(Set.of("kc", "old_idp"), GateConfig.issuerNames(new Settings(ConfigSource.of(listed),
                GateConfig.PREFIX)));
    }

    @Test
    void issuerKeyThatIsNoKeyInAnySpellingIsRefusedWithItsName() {
        Map<String, String> keys = Map.of("tollgate.gate.issuers.kc.jwks.url", "https://kc.example/certs");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> GateConfig.issuerNames(new Settings(ConfigSource.of(keys), GateConfig.PREFIX)));

        assertTrue(e.getMessage().contains("tollgate.gate.issuers.kc.jwks.url"), e.getMessage());
    }

    @Test
    void issuerNamedInTwoSpellingsIsOneIssuer() {
        Map<String, String> keys = Map.of("tollgate.gate.issuers.Keycloak.issuer", "https://kc.example",
                "TOLLGATE_GATE_ISSUERS_KEYCLOAK_JWKS_URI", "https://kc.example/certs");

        assertEquals(Set.of("Keycloak"), GateConfig.issuerNames(new Settings(ConfigSource.of(keys),
                GateConfig.PREFIX)));
    }

    @Test
    void plainHeadersCanBeSwitchedOnOrOffExplicitly() {
        assertEquals(Optional.of(true), TestConfigs.gate("plain-headers.enabled", "true").plainHeaders().enabled());
        assertEquals(Optional.of(false), TestConfigs.gate("plain-headers.enabled", "FALSE").plainHeaders().enabled());
    }

    @Test
    void tooShortHmacSecretIsNotEchoed() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> TestConfigs.gate("hmac-secret", "my-short-secret"));

        assertFalse(e.getMessage().contains("my-short-secret"));
    }

    @Test
    void clockSkewOfExactlyFiveMinutesIsAllowed() {
        assertEquals(Duration.ofMinutes(5), TestConfigs.gate("clock-skew", "5m").clockSkew());
    }
}
