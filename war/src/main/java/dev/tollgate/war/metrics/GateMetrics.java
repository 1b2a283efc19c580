package dev.tollgate.war.metrics;

import dev.tollgate.api.spi.GateObserver;
import jakarta.enterprise.context.Dependent;

/**
 * The gate's outcomes and the latency of its check, its JWK set fetches and its caches' hits, into
 * {@link ServerMetrics} (found by the gate as a CDI bean). Dependent: the gate looks it up once and keeps it, and a
 * client proxy would cost every gated request a context look-up per call.
 */
@Dependent
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
        ServerMetrics.current().introspectionCache(hit);
    }

    @Override
    public void tokenCacheLookedUp(boolean hit) {
        ServerMetrics.current().tokenCache(hit);
    }
}
