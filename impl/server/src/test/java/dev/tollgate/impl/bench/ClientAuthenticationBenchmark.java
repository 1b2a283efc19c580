package dev.tollgate.impl.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.impl.protocol.ClientAuthMethod;
import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.assertion.ClientAssertionSettings;
import dev.tollgate.impl.server.assertion.ClientAssertionVerifier;
import dev.tollgate.impl.server.assertion.ClientAssertions;
import dev.tollgate.impl.server.assertion.ClientJwks;
import dev.tollgate.impl.server.assertion.JwksUriKeys;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.protocol.AuthenticatedRequest;
import dev.tollgate.impl.server.protocol.ClientAuthenticator;
import dev.tollgate.impl.server.replay.UsedJtis;
import dev.tollgate.impl.server.secret.ClientSecretVerifier;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The token endpoint's client-authentication step, side by side (issue 13), single-threaded, on H2 in memory, with
 * the active-client cache as the war wires it (so the client's row costs no database read):
 * <ul>
 *   <li>{@code clientSecretBasic}: a server-generated secret in HTTP Basic (one SHA-256, compared in constant
 *       time);</li>
 *   <li>{@code privateKeyJwt}: an assertion, ES256 or RS256: parsing, the signature check, the claims, and the jti's
 *       insert into {@code used_jtis};</li>
 *   <li>{@code privateKeyJwtWithoutLedger}: the same without the insert (the cryptography and parsing alone);</li>
 *   <li>{@code signAssertion}: what making one assertion costs the client, which the two above include (each call
 *       needs a fresh jti), to be subtracted.</li>
 * </ul>
 * Run: {@code ./mvnw -pl impl/server exec:exec -Pbench -Djmh.args="ClientAuthentication"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
public class ClientAuthenticationBenchmark {

    private static final String ISSUER = "https://as.example.com";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String SECRET = "a-server-generated-secret-0123456789";

    @Param({"ES256", "RS256"})
    public String algorithm;

    private TestDatabase database;
    private ClientAuthenticator authenticator;
    private ClientAuthenticator withoutLedger;
    private String basic;
    private JWSSigner signer;
    private JWSAlgorithm alg;
    private String kid;

    @Setup(Level.Trial)
    public void setUp() throws JOSEException {
        database = TestDatabase.open(TestDatabase.Engine.H2);
        ClientStore clients = new ClientStore(database.dataSource(), Clock.systemUTC(),
                new ClientSecretVerifier(new PasswordHasher(1000)), Duration.ofSeconds(5));
        JWK key;
        if (algorithm.equals("ES256")) {
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
            signer = new ECDSASigner(ec);
            key = ec;
            alg = JWSAlgorithm.ES256;
        } else {
            RSAKey rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
            signer = new RSASSASigner(rsa);
            key = rsa;
            alg = JWSAlgorithm.RS256;
        }
        kid = key.getKeyID();
        clients.upsert(ClientDefinition.builder(new ClientId("secret-client")).secretHash(SecretHash.of(SECRET))
                .grantTypes(GrantType.CLIENT_CREDENTIALS).authMethod(ClientAuthMethod.CLIENT_SECRET_BASIC).build());
        clients.upsert(ClientDefinition.builder(new ClientId("key-client")).authMethod(ClientAuthMethod.PRIVATE_KEY_JWT)
                .jwks(ClientJwks.check(new JWKSet(key.toPublicJWK()).toString()))
                .grantTypes(GrantType.CLIENT_CREDENTIALS).build());
        ClientAssertionSettings settings = ClientAssertionSettings.defaults();
        UsedJtis used = new UsedJtis(database.dataSource());
        authenticator = new ClientAuthenticator(clients, new ClientAssertions(clients, new ClientAssertionVerifier(
                settings, (client, jti, exp) -> used.markUsed(UsedJtis.Purpose.CLIENT_ASSERTION, client.value(), jti,
                exp), Clock.systemUTC()), new JwksUriKeys(settings)), ISSUER);
        withoutLedger = new ClientAuthenticator(clients, new ClientAssertions(clients, new ClientAssertionVerifier(
                settings, (client, jti, exp) -> true, Clock.systemUTC()), new JwksUriKeys(settings)), ISSUER);
        basic = "Basic " + Base64.getEncoder().encodeToString(("secret-client:" + SECRET)
                .getBytes(StandardCharsets.UTF_8));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    @Benchmark
    public AuthenticatedRequest clientSecretBasic() {
        return authenticator.authenticate(Optional.of(basic), FORM, "grant_type=client_credentials", Set.of(), true);
    }

    @Benchmark
    public AuthenticatedRequest privateKeyJwt() throws JOSEException {
        return authenticator.authenticate(Optional.empty(), FORM, body(signAssertion()), Set.of(), true);
    }

    @Benchmark
    public AuthenticatedRequest privateKeyJwtWithoutLedger() throws JOSEException {
        return withoutLedger.authenticate(Optional.empty(), FORM, body(signAssertion()), Set.of(), true);
    }

    @Benchmark
    public String signAssertion() throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), new JWTClaimsSet.Builder()
                .issuer("key-client").subject("key-client").audience(List.of(ISSUER))
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60))).build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String body(String assertion) {
        return "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode(ClientAssertionVerifier.JWT_BEARER, StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion;
    }
}
