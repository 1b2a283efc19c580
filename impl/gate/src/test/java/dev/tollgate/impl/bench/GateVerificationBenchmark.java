package dev.tollgate.impl.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.impl.gate.Credentials;
import dev.tollgate.impl.gate.GateConfig;
import dev.tollgate.impl.gate.GateServices;
import dev.tollgate.impl.gate.Verifier;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.impl.verification.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the gate costs per Bearer token, single-threaded, for RS256 and ES256:
 * <ul>
 *   <li>{@code cold}: a token never seen before (a pool of distinct tokens, the verified-token cache off): parse,
 *       allow-list, key lookup, signature, claims, caller;
 *   <li>{@code warm}: the same token again, through the verified-token cache (a String decoded afresh from the
 *       header bytes each time, as every request brings its own);
 *   <li>{@code rawNimbus}: the floor: Nimbus parsing and verifying the signature alone with the JCA verifier.
 * </ul>
 * Run: {@code ./mvnw -o -pl impl -am test-compile exec:exec -Pbench -Djmh.args="GateVerification -f 1 -wi 2 -i 3"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GateVerificationBenchmark {

    /** Distinct tokens for the cold path; a power of two. */
    private static final int POOL = 2048;

    @Param({"RS256", "ES256"})
    public String algorithm;

    private Verifier cold;
    private Verifier warm;
    private JWSVerifier raw;
    private String[] pool;
    private byte[] warmTokenBytes;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        TestKeys keys = TestKeys.get();
        String kid = algorithm.equals("ES256") ? TestKeys.EC : TestKeys.RSA;
        Path jwks = keys.writeTrustedPublicJwks(Files.createTempFile("bench-jwks", ".json"));
        jwks.toFile().deleteOnExit();

        cold = Verifier.create(config(jwks, "0"), GateServices.none(), Clock.systemUTC());
        warm = Verifier.create(config(jwks, "10000"), GateServices.none(), Clock.systemUTC());
        raw = kid.equals(TestKeys.EC) ? new ECDSAVerifier(keys.ec().toPublicJWK())
                : new RSASSAVerifier(keys.rsa().toPublicJWK());

        Instant now = Instant.now();
        pool = new String[POOL];
        for (int i = 0; i < POOL; i++) {
            pool[i] = TestTokens.token(keys, now).key(kid).subject("user-" + i).roles("reader")
                    .expiresIn(Duration.ofHours(2)).sign();
        }
        warmTokenBytes = pool[0].getBytes(StandardCharsets.ISO_8859_1);
        if (!(cold.verify(new Credentials.Bearer(pool[1])) instanceof VerificationResult.Success)
                || !(warm.verify(new Credentials.Bearer(pool[0])) instanceof VerificationResult.Success)) {
            throw new IllegalStateException("the benchmark's tokens do not verify");
        }
    }

    private static GateConfig config(Path jwks, String cacheSize) {
        return GateConfig.from(TestConfigs.settings(TestConfigs.itLike(jwks, "token-cache-size", cacheSize)));
    }

    @Benchmark
    public VerificationResult cold() {
        return cold.verify(new Credentials.Bearer(pool[next++ & (POOL - 1)]));
    }

    @Benchmark
    public VerificationResult warm() {
        // Decoded from the header bytes, as a servlet container does: a new String, its hash not yet computed.
        return warm.verify(new Credentials.Bearer(new String(warmTokenBytes, StandardCharsets.ISO_8859_1)));
    }

    @Benchmark
    public boolean rawNimbus() throws ParseException, JOSEException {
        return SignedJWT.parse(pool[next++ & (POOL - 1)]).verify(raw);
    }
}
