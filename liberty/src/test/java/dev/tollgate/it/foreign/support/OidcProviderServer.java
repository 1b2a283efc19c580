package dev.tollgate.it.foreign.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * node-oidc-provider 9 ({@code oidc-provider} from npm, installed by {@code npm ci} in {@code it.oidc-provider.dir}),
 * started once by {@code provider.mjs} on 127.0.0.1: client credentials with resource indicators, JWT access tokens
 * for {@link #ORDERS_API}, opaque ones for {@link #REPORTS_API} and {@link #BILLING_API}, and RFC 7662 introspection
 * for the gate's client; DPoP, PAR and, for the token client's tests, {@code private_key_jwt} clients
 * ({@link #launchWithKeyClients}).
 */
public final class OidcProviderServer implements AutoCloseable {

    public static final String ORDERS_API = "https://orders.example/api";
    public static final String REPORTS_API = "https://reports.example/api";
    public static final String BILLING_API = "https://billing.example/api";
    /** The gate's confidential client, allowed to introspect. */
    public static final String GATE_CLIENT = "tollgate-gate";
    public static final String GATE_SECRET = "tollgate-gate-secret-0123456789";

    private static final String WORKER = "orders-worker";
    private static final String WORKER_SECRET = "orders-worker-secret-0123456789";

    private final ServerProcess process;
    private final String issuer;

    private OidcProviderServer(ServerProcess process, String issuer) {
        this.process = process;
        this.issuer = issuer;
    }

    /** Launches the provider; {@link #awaitReady()} waits for it. */
    public static OidcProviderServer launch(Path workDir, int port) {
        return launch(workDir, port, Map.of());
    }

    /**
     * Launches the provider with the token client's clients too: {@code dpop-worker} and {@code dpop-nonce-worker},
     * {@code private_key_jwt} with the public keys of {@code clientJwks} (a JWKS, JSON), the second required to send
     * DPoP nonces.
     */
    public static OidcProviderServer launchWithKeyClients(Path workDir, int port, String clientJwks) {
        return launch(workDir, port, Map.of("TOLLGATE_IT_CLIENT_JWKS", clientJwks));
    }

    private static OidcProviderServer launch(Path workDir, int port, Map<String, String> env) {
        Path dir = Path.of(Required.property("it.oidc-provider.dir"));
        Required.piece(Files.isDirectory(dir.resolve("node_modules/oidc-provider")),
                "oidc-provider from npm (run: npm ci --prefix " + dir + ")");
        Required.piece(ServerProcess.runs(List.of("node", "--version")), "Node.js (node on the PATH)");
        Path log = workDir.resolve("oidc-provider.log");
        try {
            // the log is appended to: a READY line of an earlier run must not pass for this one's
            Files.deleteIfExists(log);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot remove the old " + log, e);
        }
        ServerProcess process = ServerProcess.start("oidc-provider", List.of("node", "provider.mjs",
                String.valueOf(port)), dir, env, log);
        return new OidcProviderServer(process, "http://127.0.0.1:" + port);
    }

    public OidcProviderServer awaitReady() {
        process.awaitLog("READY " + issuer, Duration.ofSeconds(60));
        return this;
    }

    public String issuer() {
        return issuer;
    }

    public String introspectionEndpoint() {
        return issuer + "/token/introspection";
    }

    /** A client-credentials access token for {@code resource} (RFC 8707) with {@code scope}. */
    public String token(String resource, String scope) {
        return (String) Http.postForm(issuer + "/token", WORKER, WORKER_SECRET, Map.of(
                "grant_type", "client_credentials", "resource", resource, "scope", scope)).get("access_token");
    }

    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
