package dev.tollgate.impl.bench;

import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.secret.ClientSecretVerifier;
import dev.tollgate.impl.server.secret.SaltedSecretHash;
import dev.tollgate.impl.server.secret.SecretGenerator;
import dev.tollgate.impl.server.secret.SecretHash;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checking a client secret costs at the token endpoint (issue 11, finding 9), single-threaded:
 * <ul>
 *   <li>{@code sha256}: a server-generated secret, and a declared one before issue 11 (unsalted SHA-256);</li>
 *   <li>{@code saltedFirstCheck}: a declared client's salted PBKDF2 (600,000 iterations) with nothing cached: the
 *       cost of the first request after a start, and of every wrong guess;</li>
 *   <li>{@code saltedCached}: the same secret again, answered from the verifier's cache (one HMAC-SHA256).</li>
 * </ul>
 * Run: {@code ./mvnw -pl impl/server -am test-compile exec:exec -Pbench -Djmh.args="ClientSecretCheck"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClientSecretCheckBenchmark {

    private static final String DECLARED = "reporting-service-secret-0123";

    private String generated;
    private SecretHash generatedHash;
    private SaltedSecretHash salted;
    private ClientSecretVerifier cached;
    private PasswordHasher hasher;

    @Setup
    public void setUp() {
        hasher = PasswordHasher.owasp();
        generated = new SecretGenerator().token();
        generatedHash = SecretHash.of(generated);
        salted = SaltedSecretHash.of(SecretHash.of(DECLARED), hasher);
        cached = new ClientSecretVerifier(hasher);
        cached.matches(salted, DECLARED);
    }

    @Benchmark
    public boolean sha256() {
        return generatedHash.matches(generated);
    }

    @Benchmark
    public boolean saltedFirstCheck() {
        return salted.matches(DECLARED, hasher);
    }

    @Benchmark
    public boolean saltedCached() {
        return cached.matches(salted, DECLARED);
    }
}
