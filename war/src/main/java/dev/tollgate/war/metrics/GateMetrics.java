package dev.tollgate.war.metrics;

import dev.tollgate.api.spi.GateObserver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gate's outcomes and the latency of its check, its JWK set fetches and its caches' hits, into
 * {@link ServerMetrics} (found by the gate as a CDI bean).
 */
@ApplicationScoped
public class GateMetrics implements GateObserver {

    @Override
    public void checked(String outcome, long nanos) {
        ServerMetrics.current().gateChecked(outcome, nanos);
    }

    @Override
    public void jwksFetched(String reason, boolean succeeded) {
        ServerMetrics.current().jwksFetched(reason, succeeded ? "success" : "failure");
    }

    @Override
    public void introspectionCacheLookedUp(boolean hit) {
        ServerMetrics.current().introspectionCache(hit ? "hit" : "miss");
    }

    @Override
    public void tokenCacheLookedUp(boolean hit) {
        ServerMetrics.current().tokenCache(hit ? "hit" : "miss");
    }
}
