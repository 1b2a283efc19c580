package dev.tollgate.impl.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.tollgate.impl.server.key.KeyEncryptionKey;
import dev.tollgate.impl.server.key.KeySettings;
import dev.tollgate.impl.server.key.SigningAlgorithm;
import dev.tollgate.impl.server.key.SigningKeyStore;
import dev.tollgate.impl.server.testing.TestDatabase;
import dev.tollgate.impl.server.token.AccessTokenClaims;
import dev.tollgate.impl.server.token.IssuedAccessToken;
import dev.tollgate.impl.server.token.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * What one access token costs the authorization server, single-threaded, for RS256 and ES256:
 * <ul>
 *   <li>{@code issue}: {@link TokenIssuer#issue} — the RFC 9068 claims, their JSON, the header and the signature
 *       with the current key (held in memory by {@link SigningKeyStore}; no database access);
 *   <li>{@code rawSignature}: the floor, the JCA signature alone over a signing input of the same size, with the
 *       same key.
 * </ul>
 * Verification of the same tokens is in {@link GateVerificationBenchmark}. Run:
 * {@code ./mvnw -pl impl exec:exec -Pbench -Djmh.args="TokenIssuance -f 1 -wi 3 -i 5 -w 2s -r 2s"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TokenIssuanceBenchmark {

    @Param({"RS256", "ES256"})
    public String algorithm;

    private TestDatabase database;
    private TokenIssuer issuer;
    private AccessTokenClaims claims;
    private JWSSigner rawSigner;
    private byte[] signingInput;
    private com.nimbusds.jose.JWSHeader rawHeader;

    @Setup(Level.Trial)
    public void setUp() throws JOSEException {
        database = TestDatabase.open(TestDatabase.Engine.H2);
        KeySettings defaults = KeySettings.defaults();
        SigningKeyStore keys = new SigningKeyStore(database.dataSource(),
                new KeySettings(SigningAlgorithm.valueOf(algorithm), defaults.rotationPeriod(),
                        defaults.publishAhead(), defaults.maxTokenLifetime(), defaults.refreshInterval()),
                KeyEncryptionKey.generate(new SecureRandom()), Clock.systemUTC());
        keys.initialize();
        issuer = new TokenIssuer(keys, Clock.systemUTC());
        claims = new AccessTokenClaims("https://auth.example.com", "reporting-service", "reporting-service",
                Set.of("read", "reports:read"), List.of("https://api.example.com"), Optional.empty(),
                Duration.ofMinutes(15));

        JWK key = keys.signingKey();
        rawSigner = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
        rawHeader = new com.nimbusds.jose.JWSHeader(rawSigner.supportedJWSAlgorithms().stream()
                .filter(a -> a.getName().equals(algorithm)).findFirst().orElseThrow());
        // A signing input of the size of a real token's header.payload.
        String token = issuer.issue(claims).value();
        signingInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    @Benchmark
    public IssuedAccessToken issue() {
        return issuer.issue(claims);
    }

    @Benchmark
    public Base64URL rawSignature() throws JOSEException {
        return rawSigner.sign(rawHeader, signingInput);
    }
}
