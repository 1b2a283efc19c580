package dev.tollgate.impl.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.gate.Credentials;
import dev.tollgate.impl.gate.GateConfig;
import dev.tollgate.impl.gate.GateServices;
import dev.tollgate.impl.gate.Verifier;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.testing.DemoRevocationChecker;
import dev.tollgate.impl.testing.TestConfigs;
import dev.tollgate.impl.testing.TestKeys;
import dev.tollgate.impl.testing.TestProofs;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.impl.verification.CallerMapper;
import dev.tollgate.impl.verification.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * What the gate costs per Bearer token, single-threaded:
 * <ul>
 *   <li>{@code cold} (RS256, ES256): a token never seen before (a pool of distinct tokens, the verified-token cache
 *       off): parse, issuer routing, allow-list, key lookup, signature, claims, caller;
 *   <li>{@code warm} (RS256, ES256): the same token again, through the verified-token cache (a String decoded afresh
 *       from the header bytes each time, as every request brings its own);
 *   <li>{@code rawNimbus} (RS256, ES256): the floor: Nimbus parsing and verifying the signature alone with the JCA
 *       verifier; {@code rawNimbusClaims}: the same plus parsing the claims, the floor of the cold path's target;
 *   <li>{@code coldBesideLocal} (RS256, ES256): {@code cold} with the services of the server's own gate (a local
 *       issuer whose keys are looked at first, a revocation checker);
 *   <li>{@code shapeCold} and {@code shapeWarm} (RS256): the same for today's flat claims ({@code roles}) and for a
 *       Keycloak-shaped token read through nested claim paths ({@code realm_access.roles},
 *       {@code resource_access.{client}.roles}), so that the cost of claim paths shows; {@code shapeMapping}: the
 *       claims-to-caller step alone, for both;
 *   <li>{@code overflow} (RS256): more distinct tokens than the cache holds (2, 5 and 10 times), drawn at random or
 *       in rotation; the auxiliary counters {@code hits} and {@code misses} give the hit rate;
 *   <li>{@code dpopWarm} and {@code dpopCold}: a DPoP-bound RS256 token ({@code cnf.jkt}) with a fresh ES256 proof
 *       per request, as a client sends one (RFC 9449 §4.3: every check, the replay cache included), the token
 *       verified before (cache on) or never seen (a pool, cache off): compare with {@code warm} and {@code cold} at
 *       RS256. The proofs are signed before each iteration, outside the measurement; the auxiliary counter
 *       {@code refused} must stay 0 (a proof used twice, were an iteration to outrun its pool, would count there).
 * </ul>
 * Run: {@code ./mvnw -o -pl impl/gate -am test-compile exec:exec -Pbench -Djmh.args="GateVerification -f 1 -wi 2 -i 3"}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GateVerificationBenchmark {

    /** Distinct tokens for the cold paths; a power of two. */
    private static final int POOL = 2048;

    /** The cache size of {@code overflow}: small, so that 10 times as many tokens are quick to sign. */
    private static final int OVERFLOW_CACHE = 500;

    static Path jwks() throws Exception {
        Path jwks = TestKeys.get().writeTrustedPublicJwks(Files.createTempFile("bench-jwks", ".json"));
        jwks.toFile().deleteOnExit();
        return jwks;
    }

    static GateConfig config(Path jwks, String cacheSize, String... extra) {
        Map<String, String> keys = TestConfigs.itLike(jwks, "token-cache-size", cacheSize);
        keys.putAll(TestConfigs.map(extra));
        return GateConfig.from(TestConfigs.settings(keys));
    }

    static void check(Verifier verifier, String token) {
        if (!(verifier.verify(new Credentials.Bearer(token)) instanceof VerificationResult.Success)) {
            throw new IllegalStateException("the benchmark's tokens do not verify");
        }
    }

    /** The cold, warm and raw paths, by algorithm. */
    @State(Scope.Thread)
    public static class Algorithms {

        @Param({"RS256", "ES256"})
        public String algorithm;

        Verifier cold;
        Verifier warm;
        Verifier besideLocal;
        JWSVerifier raw;
        String[] pool;
        byte[] warmTokenBytes;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            TestKeys keys = TestKeys.get();
            String kid = algorithm.equals("ES256") ? TestKeys.EC : TestKeys.RSA;
            Path jwks = jwks();
            cold = Verifier.create(config(jwks, "0"), GateServices.none(), Clock.systemUTC());
            warm = Verifier.create(config(jwks, "10000"), GateServices.none(), Clock.systemUTC());
            besideLocal = Verifier.create(config(jwks, "0"), besideLocalIssuer(), Clock.systemUTC());
            raw = kid.equals(TestKeys.EC) ? new ECDSAVerifier(keys.ec().toPublicJWK())
                    : new RSASSAVerifier(keys.rsa().toPublicJWK());
            Instant now = Instant.now();
            pool = new String[POOL];
            for (int i = 0; i < POOL; i++) {
                pool[i] = TestTokens.token(keys, now).key(kid).subject("user-" + i).roles("reader")
                        .expiresIn(Duration.ofHours(2)).sign();
            }
            warmTokenBytes = pool[0].getBytes(StandardCharsets.ISO_8859_1);
            check(cold, pool[1]);
            check(warm, pool[0]);
            check(besideLocal, pool[1]);
        }
    }

    /**
     * The services of the authorization server's own gate, as on the integration-test server that bench/gate-load.sh
     * loads: a local issuer whose keys (here the {@value TestKeys#ROGUE} key alone) do not sign the benchmark's
     * tokens, so that each token is looked up there first and then routed by its {@code iss}; and a revocation
     * checker.
     */
    static GateServices besideLocalIssuer() {
        JWKSet localKeys = new JWKSet(TestKeys.get().rogue().toPublicJWK());
        LocalIssuer local = new LocalIssuer() {
            @Override
            public String issuer() {
                return "https://local.test.tollgate.dev";
            }

            @Override
            public JWKSource<SecurityContext> publicKeys() {
                return new ImmutableJWKSet<>(localKeys);
            }
        };
        Optional<RevocationChecker> revocation = Optional.of(new DemoRevocationChecker());
        return new GateServices(Optional::empty, () -> revocation, () -> Optional.of(local));
    }

    /** Today's flat claims, and a Keycloak-shaped token with nested role paths, both RS256. */
    @State(Scope.Thread)
    public static class Shapes {

        @Param({"flat", "keycloak"})
        public String shape;

        Verifier cold;
        Verifier warm;
        String[] pool;
        byte[] warmTokenBytes;
        int next;
        CallerMapper mapper;
        Map<String, Object> claims;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Path jwks = jwks();
            String[] paths = shape.equals("keycloak")
                    ? new String[] {"roles-claims", "realm_access.roles,resource_access.{client}.roles",
                        "client-id", "orders-api"}
                    : new String[0];
            cold = Verifier.create(config(jwks, "0", paths), GateServices.none(), Clock.systemUTC());
            warm = Verifier.create(config(jwks, "10000", paths), GateServices.none(), Clock.systemUTC());
            Instant now = Instant.now();
            pool = new String[POOL];
            for (int i = 0; i < POOL; i++) {
                TestTokens.Builder token = TestTokens.token(TestKeys.get(), now).subject("user-" + i)
                        .expiresIn(Duration.ofHours(2));
                pool[i] = (shape.equals("keycloak") ? keycloakShaped(token, i) : token.roles("reader")).sign();
            }
            warmTokenBytes = pool[0].getBytes(StandardCharsets.ISO_8859_1);
            check(cold, pool[1]);
            check(warm, pool[0]);
            mapper = new CallerMapper(config(jwks, "0", paths).claims());
            claims = SignedJWT.parse(pool[0]).getJWTClaimsSet().getClaims();
            if (mapper.toCaller(claims, CredentialKind.JWT).orElseThrow().roles().isEmpty()) {
                throw new IllegalStateException("the benchmark's claim paths find no roles");
            }
        }

        /** The claims of a Keycloak 26 client-credentials access token, roles in realm and client objects. */
        static TestTokens.Builder keycloakShaped(TestTokens.Builder token, int i) {
            return token.type("JWT").clientId("orders-api").claim("azp", "orders-api").claim("typ", "Bearer")
                    .audience("tollgate-demo", "account").claim("acr", "1")
                    .claim("sid", UUID.randomUUID().toString())
                    .claim("allowed-origins", List.of("https://orders.example.com"))
                    .claim("realm_access", Map.of("roles", List.of("offline_access", "uma_authorization",
                            "default-roles-shop", "reader")))
                    .claim("resource_access", Map.of(
                            "orders-api", Map.of("roles", List.of("orders-viewer", "orders-admin")),
                            "account", Map.of("roles", List.of("manage-account", "manage-account-links",
                                    "view-profile"))))
                    .scope("openid email profile").claim("email_verified", true)
                    .claim("clientHost", "10.0.0." + (i % 250)).claim("preferred_username", "service-account-" + i)
                    .claim("clientAddress", "10.0.0." + (i % 250));
        }
    }

    /** More distinct tokens than the cache holds. */
    @State(Scope.Thread)
    public static class Overflow {

        /** Distinct tokens, as a multiple of the cache size. */
        @Param({"2", "5", "10"})
        public int times;

        /** {@code uniform}: each request picks a token at random; {@code rotation}: one after the other, in a loop. */
        @Param({"uniform", "rotation"})
        public String pattern;

        Verifier verifier;
        String[] tokens;
        /** The result last seen for each token: the very same object again means a cache hit. */
        Object[] last;
        int next;
        long seed = 0x9E3779B97F4A7C15L;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            verifier = Verifier.create(config(jwks(), Integer.toString(OVERFLOW_CACHE)), GateServices.none(),
                    Clock.systemUTC());
            Instant now = Instant.now();
            tokens = new String[times * OVERFLOW_CACHE];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = TestTokens.token(TestKeys.get(), now).subject("user-" + i).roles("reader")
                        .expiresIn(Duration.ofHours(2)).sign();
            }
            last = new Object[tokens.length];
            check(verifier, tokens[0]);
        }

        int nextIndex() {
            if (pattern.equals("rotation")) {
                int index = next;
                next = next + 1 == tokens.length ? 0 : next + 1;
                return index;
            }
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            return (int) Long.remainderUnsigned(seed, tokens.length);
        }
    }

    /** A DPoP-bound token and a fresh ES256 proof per request, warm and cold. */
    @State(Scope.Thread)
    public static class Dpop {

        /** Proofs per iteration: more than an iteration of 2 s uses at about 1,000 ES256 verifications a second. */
        static final int PROOFS = 4096;
        static final String PATH = "/app/api/items";

        Verifier warm;
        Verifier cold;
        byte[] warmTokenBytes;
        String warmToken;
        String[] coldTokens;
        String[] warmProofs;
        String[] coldProofs;
        int nextWarm;
        int nextCold;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Path jwks = jwks();
            String[] dpop = {"external-base-url", TestProofs.BASE, "dpop.replay-cache-size", "10000000"};
            warm = Verifier.create(config(jwks, "10000", dpop), GateServices.none(), Clock.systemUTC());
            cold = Verifier.create(config(jwks, "0", dpop), GateServices.none(), Clock.systemUTC());
            Instant now = Instant.now();
            coldTokens = new String[PROOFS];
            for (int i = 0; i < PROOFS; i++) {
                coldTokens[i] = TestTokens.token(TestKeys.get(), now).subject("user-" + i).roles("reader")
                        .claim("cnf", TestProofs.cnf(TestProofs.EC)).expiresIn(Duration.ofHours(2)).sign();
            }
            warmToken = coldTokens[0];
            warmTokenBytes = warmToken.getBytes(StandardCharsets.ISO_8859_1);
        }

        /** Fresh proofs (new jti, iat now) for the iteration to come, as many clients would have sent. */
        @Setup(Level.Iteration)
        public void newProofs() {
            Instant now = Instant.now();
            warmProofs = new String[PROOFS];
            coldProofs = new String[PROOFS];
            for (int i = 0; i < PROOFS; i++) {
                warmProofs[i] = TestProofs.proof(TestProofs.EC, now).uri(TestProofs.BASE + PATH).token(warmToken)
                        .sign();
                coldProofs[i] = TestProofs.proof(TestProofs.EC, now).uri(TestProofs.BASE + PATH)
                        .token(coldTokens[i]).sign();
            }
            nextWarm = 0;
            nextCold = 0;
        }
    }

    /** Proofs the gate refused in {@code dpopWarm} and {@code dpopCold}: 0 unless an iteration outran its pool. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class DpopCounters {
        public long refused;
    }

    /** Hits and misses of {@code overflow}, reported by JMH per second beside the throughput. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class HitCounters {
        public long hits;
        public long misses;
    }

    @Benchmark
    public VerificationResult cold(Algorithms state) {
        return state.cold.verify(new Credentials.Bearer(state.pool[state.next++ & (POOL - 1)]));
    }

    @Benchmark
    public VerificationResult warm(Algorithms state) {
        // Decoded from the header bytes, as a servlet container does: a new String, its hash not yet computed.
        return state.warm.verify(new Credentials.Bearer(new String(state.warmTokenBytes,
                StandardCharsets.ISO_8859_1)));
    }

    @Benchmark
    public boolean rawNimbus(Algorithms state) throws ParseException, JOSEException {
        return SignedJWT.parse(state.pool[state.next++ & (POOL - 1)]).verify(state.raw);
    }

    /** {@code cold} with the services of the server's own gate ({@link #besideLocalIssuer()}). */
    @Benchmark
    public VerificationResult coldBesideLocal(Algorithms state) {
        return state.besideLocal.verify(new Credentials.Bearer(state.pool[state.next++ & (POOL - 1)]));
    }

    /** The floor of the cold path's target: {@code rawNimbus} plus parsing the claims, which every verifier needs. */
    @Benchmark
    public JWTClaimsSet rawNimbusClaims(Algorithms state) throws ParseException, JOSEException {
        SignedJWT jwt = SignedJWT.parse(state.pool[state.next++ & (POOL - 1)]);
        if (!jwt.verify(state.raw)) {
            throw new IllegalStateException("bad signature");
        }
        return jwt.getJWTClaimsSet();
    }

    @Benchmark
    public VerificationResult shapeCold(Shapes state) {
        return state.cold.verify(new Credentials.Bearer(state.pool[state.next++ & (POOL - 1)]));
    }

    @Benchmark
    public VerificationResult shapeWarm(Shapes state) {
        return state.warm.verify(new Credentials.Bearer(new String(state.warmTokenBytes,
                StandardCharsets.ISO_8859_1)));
    }

    /** Claims to caller alone, for the same two shapes: what claim paths cost, without parsing and signature. */
    @Benchmark
    public Optional<Caller> shapeMapping(Shapes state) {
        return state.mapper.toCaller(state.claims, CredentialKind.JWT);
    }

    @Benchmark
    public VerificationResult dpopWarm(Dpop state, DpopCounters counters) {
        String proof = state.warmProofs[state.nextWarm++ & (Dpop.PROOFS - 1)];
        VerificationResult result = state.warm.verify(new Credentials.Dpop(new String(state.warmTokenBytes,
                StandardCharsets.ISO_8859_1), List.of(proof)), false, null, "GET", Dpop.PATH);
        if (!(result instanceof VerificationResult.Success)) {
            counters.refused++;
        }
        return result;
    }

    @Benchmark
    public VerificationResult dpopCold(Dpop state, DpopCounters counters) {
        int index = state.nextCold++ & (Dpop.PROOFS - 1);
        VerificationResult result = state.cold.verify(new Credentials.Dpop(state.coldTokens[index],
                List.of(state.coldProofs[index])), false, null, "GET", Dpop.PATH);
        if (!(result instanceof VerificationResult.Success)) {
            counters.refused++;
        }
        return result;
    }

    @Benchmark
    public VerificationResult overflow(Overflow state, HitCounters counters) {
        int index = state.nextIndex();
        VerificationResult result = state.verifier.verify(new Credentials.Bearer(state.tokens[index]));
        if (result == state.last[index]) {
            counters.hits++;
        } else {
            counters.misses++;
            state.last[index] = result;
        }
        return result;
    }
}
