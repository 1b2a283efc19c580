package dev.tollgate.war.metrics;

import dev.tollgate.api.spi.GateObserver;
import jakarta.enterprise.context.ApplicationScoped;

/** The gate's outcomes and the latency of its check, into {@link ServerMetrics} (found by the gate as a CDI bean). */
@ApplicationScoped
public class GateMetrics implements GateObserver {

    @Override
    public void checked(String outcome, long nanos) {
        ServerMetrics.current().gateChecked(outcome, nanos);
    }
}
