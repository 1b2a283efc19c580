package dev.tollgate.impl.bench;

import dev.tollgate.impl.server.authorize.AuthorizationRequest;
import dev.tollgate.impl.server.authorize.FlowSeals;
import dev.tollgate.impl.server.authorize.Scopes;
import dev.tollgate.impl.server.key.KeyEncryptionKey;
import dev.tollgate.impl.server.store.ClientId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
 * What the sealed state of the authorization flow costs a node per step (issue 12), single-threaded: sealing a
 * typical pending request (every {@code GET /oauth2/authorize} that needs a login or consent), opening it (every later
 * step), and a CSRF token (one HMAC-SHA256).
 * Run: {@code ./mvnw -pl impl/server -am test-compile exec:exec -Pbench -Djmh.args="FlowSeals"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FlowSealsBenchmark {

    private FlowSeals seals;
    private String binding;
    private AuthorizationRequest request;
    private String handle;

    @Setup
    public void setUp() {
        seals = new FlowSeals(KeyEncryptionKey.generate(new SecureRandom()), Duration.ofMinutes(30),
                Clock.systemUTC());
        binding = seals.newBrowserBinding();
        request = new AuthorizationRequest(new ClientId("it-authz-web"), "https://client.it.tollgate.dev/cb", true,
                Scopes.parse("openid profile email").orElseThrow(), Optional.of("st-1234567890123"),
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Optional.empty());
        handle = seals.sealPending(request, binding);
    }

    @Benchmark
    public String sealPending() {
        return seals.sealPending(request, binding);
    }

    @Benchmark
    public Optional<FlowSeals.Pending> openPending() {
        return seals.openPending(handle, binding);
    }

    @Benchmark
    public String csrfToken() {
        return seals.csrfToken(binding, "");
    }
}
