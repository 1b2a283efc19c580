package dev.tollgate.impl.bench;

import dev.tollgate.api.error.OAuthException;
import dev.tollgate.impl.protocol.TokenResponse;
import dev.tollgate.impl.server.grant.ServerFixture;
import dev.tollgate.impl.server.testing.TestDatabase;
import dev.tollgate.impl.testing.TestProofs;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The token endpoint with and without DPoP, side by side, single-threaded, in process over embedded H2 (the
 * services as the war wires them, {@link ServerFixture}; the signing key in memory, RS256):
 * <ul>
 *   <li>{@code bearer}: a client_credentials request of a confidential client with Basic authentication;
 *   <li>{@code dpop}: the same request with a fresh ES256 proof: every check of RFC 9449 §4.3 plus the insert of
 *       its {@code jti} into {@code used_jtis}, and {@code cnf.jkt} in the token.
 * </ul>
 * The proofs are signed before each iteration, outside the measurement; the counter {@code refused} counts requests
 * that ran out of fresh proofs (it must be 0). Run:
 * {@code ./mvnw -pl impl exec:exec -Pbench -Djmh.args="DpopTokenEndpoint -f 1 -wi 3 -i 5 -w 2s -r 2s"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DpopTokenEndpointBenchmark {

    private static final int PROOFS_PER_ITERATION = 1024;

    private TestDatabase database;
    private ServerFixture server;
    private Optional<String> basic;
    private String[] proofs;
    private int next;

    /** Requests refused because the iteration's proofs ran out. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Refusals {
        public long refused;
    }

    @Setup(Level.Trial)
    public void setUp() {
        database = TestDatabase.open(TestDatabase.Engine.H2);
        server = new ServerFixture(database.dataSource());
        basic = ServerFixture.basic(ServerFixture.SERVICE, ServerFixture.SECRET);
    }

    @Setup(Level.Iteration)
    public void signProofs() {
        proofs = new String[PROOFS_PER_ITERATION];
        for (int i = 0; i < proofs.length; i++) {
            proofs[i] = TestProofs.proof(TestProofs.EC, server.clock.instant()).method("POST")
                    .uri(ServerFixture.TOKEN_ENDPOINT.toString()).sign();
        }
        next = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        database.close();
    }

    @Benchmark
    public TokenResponse bearer() {
        return server.tokenWithProofs(basic, List.of(), "grant_type", "client_credentials");
    }

    @Benchmark
    public TokenResponse dpop(Refusals refusals) {
        try {
            return server.tokenWithProofs(basic, List.of(proofs[next++ % proofs.length]), "grant_type",
                    "client_credentials");
        } catch (OAuthException e) {
            refusals.refused++;
            return null;
        }
    }
}
