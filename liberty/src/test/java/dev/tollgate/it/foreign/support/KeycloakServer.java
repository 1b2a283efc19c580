package dev.tollgate.it.foreign.support;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keycloak 26, from its distribution on Maven Central ({@code org.keycloak:keycloak-quarkus-dist:zip}, unpacked by
 * the build into {@code it.keycloak.home}), started once in dev mode ({@code start-dev}: H2 dev database, emptied
 * before each start) on 127.0.0.1 with the realms of {@code it.keycloak.realms} imported. It runs on a JDK 21 or
 * newer found on the machine ({@link Jdk}). The hostname is fixed to {@code http://127.0.0.1:<port>}, so every token's
 * {@code iss} is the same whatever address a request used.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "keycloak-it-admin-0123456789";

    private final ServerProcess process;
    private final String base;

    private KeycloakServer(ServerProcess process, String base) {
        this.process = process;
        this.base = base;
    }

    /** Launches Keycloak; {@link #awaitReady()} waits for it. */
    public static KeycloakServer launch(Path workDir, int port) {
        Path home = Path.of(Required.property("it.keycloak.home"));
        Required.piece(Files.isRegularFile(home.resolve("bin/kc.sh")), "Keycloak at " + home);
        Path jdk = Jdk.atLeast(21).orElse(null);
        Required.piece(jdk != null, "a JDK 21 or newer for Keycloak (under /usr/lib/jvm, or -Dit.jdk21.home)");
        Path realms = Path.of(Required.property("it.keycloak.realms"));
        try {
            Dirs.fresh(home.resolve("data"));
            Path imports = Files.createDirectories(home.resolve("data/import"));
            try (Stream<Path> files = Files.list(realms)) {
                for (Path realm : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Keycloak's data folder", e);
        }
        String base = "http://127.0.0.1:" + port;
        List<String> command = List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=" + base,
                "--http-management-port=" + (port + 1), "--import-realm");
        Map<String, String> env = Map.of(
                "JAVA_HOME", jdk.toString(),
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m",
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        ServerProcess process = ServerProcess.start("Keycloak", command, home, env, workDir.resolve("keycloak.log"));
        return new KeycloakServer(process, base);
    }

    /** Waits until both realms answer discovery: their import is done. */
    public KeycloakServer awaitReady() {
        process.awaitReady(() -> ServerProcess.status(issuer("orders") + "/.well-known/openid-configuration") == 200
                && ServerProcess.status(issuer("partners") + "/.well-known/openid-configuration") == 200,
                Duration.ofSeconds(300));
        return this;
    }

    /** A realm's issuer, e.g. {@code http://127.0.0.1:18704/realms/orders}. */
    public String issuer(String realm) {
        return base + "/realms/" + realm;
    }

    /** A client-credentials access token of {@code realm} for {@code clientId}. */
    public String clientCredentialsToken(String realm, String clientId, String secret) {
        return (String) Http.postForm(issuer(realm) + "/protocol/openid-connect/token", clientId, secret,
                Map.of("grant_type", "client_credentials")).get("access_token");
    }

    /**
     * Rotates {@code realm}'s signing key as an operator does in the admin console: a new RSA key provider with a
     * higher priority than every other, so that new tokens are signed with its key; the old key stays published.
     */
    public void rotateSigningKey(String realm) {
        String admin = (String) Http.postForm(issuer("master") + "/protocol/openid-connect/token", "admin-cli", "",
                Map.of("grant_type", "password", "username", ADMIN, "password", ADMIN_PASSWORD)).get("access_token");
        String realmId = (String) Http.json(Http.send(Http.request(base + "/admin/realms/" + realm)
                .header("Authorization", "Bearer " + admin).GET().build())).get("id");
        String provider = JSONObjectUtils.toJSONString(Map.of(
                "name", "rotated-rsa-" + System.nanoTime(),
                "providerId", "rsa-generated",
                "providerType", "org.keycloak.keys.KeyProvider",
                "parentId", realmId,
                "config", Map.of("priority", List.of("1000"), "keySize", List.of("2048"),
                        "algorithm", List.of("RS256"), "active", List.of("true"), "enabled", List.of("true"))));
        HttpResponse<String> created = Http.send(Http.request(base + "/admin/realms/" + realm + "/components")
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(provider)).build());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused the new key provider: " + created.statusCode() + " "
                    + created.body());
        }
    }

    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
