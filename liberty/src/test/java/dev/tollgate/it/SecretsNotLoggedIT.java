package dev.tollgate.it;

import static dev.tollgate.it.support.LibertyServer.get;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tollgate.impl.testing.HostileToken;
import dev.tollgate.impl.testing.TestTokens;
import dev.tollgate.it.support.LibertyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Runs the hostile catalogue, valid tokens and plain-header passwords through the server, then reads everything the
 * server logged and looks for any of them. The probes are the distinctive parts of each secret: a token's signature
 * and payload segments, and the passwords themselves.
 */
class SecretsNotLoggedIT {

    @Test
    void noTokenOrPasswordEverReachesTheServerLogs() {
        List<String> secrets = new ArrayList<>();
        for (HostileToken hostile : HostileToken.values()) {
            String token = hostile.token();
            get("/api/me", "Authorization", "Bearer " + token);
            secrets.addAll(probes(token));
        }
        String valid = TestTokens.valid("log-probe", "read");
        get("/api/me", "Authorization", "Bearer " + valid);
        get("/api/reports", "Authorization", "Bearer " + valid);
        secrets.addAll(probes(valid));
        String password = "pw-" + UUID.randomUUID();
        get("/api/me", "X-API-Email", "log-probe@example.com", "X-API-Password", password);
        secrets.add(password);

        String logs = LibertyServer.logs();

        for (String secret : secrets) {
            assertFalse(logs.contains(secret), "the server logs contain a secret: " + abbreviate(secret));
        }
    }

    /** The longer dot-separated segments of a token: any of them in a log means the token leaked. */
    private static List<String> probes(String token) {
        List<String> probes = new ArrayList<>();
        for (String part : token.split("\\.")) {
            if (part.length() >= 24) {
                probes.add(part.length() > 64 ? part.substring(part.length() - 64) : part);
            }
        }
        return probes;
    }

    private static String abbreviate(String secret) {
        return secret.substring(0, Math.min(8, secret.length())) + "…";
    }
}
