package dev.tollgate.impl.client;

import java.time.Clock;
import java.time.Duration;

/** Small builders for the tests' token clients. */
final class TestClients {

    static final String SECRET = "s3cr3t-Value-never-logged";
    static final String PASSWORD = "pa55-never-logged";

    private TestClients() {
    }

    /** A confidential client_credentials client against {@code server}'s {@code /token}. */
    static TokenClients.Builder confidential(FakeServer server, Clock clock) {
        return TokenClients.builder()
                .name("test")
                .tokenUrl(server.uri("/token"))
                .clientId("svc")
                .clientSecret(SECRET)
                .connectTimeout(Duration.ofSeconds(1))
                .readTimeout(Duration.ofSeconds(2))
                .clock(clock)
                .random(() -> 0.999_999); // the longest back-off: deterministic
    }
}
