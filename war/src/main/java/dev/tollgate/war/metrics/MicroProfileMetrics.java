package dev.tollgate.war.metrics;

import dev.tollgate.api.spi.GateObserver;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * {@link ServerMetrics} in the application's MicroProfile Metrics registry. Used only when the API is present (when
 * it is not, CDI skips this class: its field's type cannot load). A CDI bean because the registry is only to be had
 * by injection: Liberty's producer reads the injection point, which a programmatic lookup does not have. Dependent,
 * so that no client proxy stands between the server and this object: {@link ServerMetrics#current} holds the one
 * instance, and a proxy would call these package-private methods by reflection on every request (about 1.5 µs of a
 * gated request's CPU). Each series is looked up once and kept (the label values are bounded, so is this map).
 *
 * <p>Series, in Prometheus names (MicroProfile Metrics adds {@code mp_scope="application"}):
 * <ul>
 *   <li>{@code tollgate_tokens_issued_total{grant, client}};</li>
 *   <li>{@code tollgate_token_errors_total{error}};</li>
 *   <li>{@code tollgate_token_duration_seconds}: the token endpoint's latency (quantiles, count, sum);</li>
 *   <li>{@code tollgate_gate_checks_total{outcome}} and {@code tollgate_gate_duration_seconds}: the gate's outcomes
 *       and the latency of its check;</li>
 *   <li>{@code tollgate_jwks_fetches_total{reason, outcome}}: the gate's JWK set fetches;</li>
 *   <li>{@code tollgate_introspection_cache_total{result}} and {@code tollgate_token_cache_total{result}}: look-ups
 *       in the gate's introspection and verified-token caches, {@code hit} or {@code miss};</li>
 *   <li>{@code tollgate_lockouts_total{event}}: accounts {@code locked}, and checks {@code refused} while locked.</li>
 * </ul>
 */
@Dependent
class MicroProfileMetrics extends ServerMetrics {

    static final String TOKENS_ISSUED = "tollgate.tokens.issued";
    static final String TOKEN_ERRORS = "tollgate.token.errors";
    static final String TOKEN_DURATION = "tollgate.token.duration";
    static final String GATE_CHECKS = "tollgate.gate.checks";
    static final String GATE_DURATION = "tollgate.gate.duration";
    static final String JWKS_FETCHES = "tollgate.jwks.fetches";
    static final String INTROSPECTION_CACHE = "tollgate.introspection.cache";
    static final String TOKEN_CACHE = "tollgate.token.cache";
    static final String LOCKOUTS = "tollgate.lockouts";

    @Inject
    MetricRegistry registry;
    private final Map<Series, Counter> counters = new ConcurrentHashMap<>();
    private Timer tokenDuration;
    private Timer gateDuration;
    // The series of every gated request, kept in fields: no look-up at all on the gate's warm path
    private Counter gateAdmitted;
    private Counter tokenCacheHits;
    private Counter tokenCacheMisses;
    private Counter introspectionCacheHits;
    private Counter introspectionCacheMisses;

    @PostConstruct
    void series() {
        tokenDuration = registry.timer(TOKEN_DURATION);
        gateDuration = registry.timer(GATE_DURATION);
        gateAdmitted = counter(GATE_CHECKS, "outcome", GateObserver.ADMITTED, null, null);
        tokenCacheHits = counter(TOKEN_CACHE, "result", "hit", null, null);
        tokenCacheMisses = counter(TOKEN_CACHE, "result", "miss", null, null);
        introspectionCacheHits = counter(INTROSPECTION_CACHE, "result", "hit", null, null);
        introspectionCacheMisses = counter(INTROSPECTION_CACHE, "result", "miss", null, null);
    }

    static ServerMetrics create() {
        return CDI.current().select(MicroProfileMetrics.class).get();
    }

    @Override
    boolean enabled() {
        return true;
    }

    @Override
    void tokenIssued(String grant, String client, Duration took) {
        counter(TOKENS_ISSUED, "grant", grant, "client", client).inc();
        tokenDuration.update(took);
    }

    @Override
    void tokenRefused(String error, Duration took) {
        counter(TOKEN_ERRORS, "error", error, null, null).inc();
        tokenDuration.update(took);
    }

    @Override
    void gateChecked(String outcome, long nanos) {
        (GateObserver.ADMITTED.equals(outcome) ? gateAdmitted : counter(GATE_CHECKS, "outcome", outcome, null, null))
                .inc();
        gateDuration.update(Duration.ofNanos(nanos));
    }

    @Override
    void jwksFetched(String reason, String outcome) {
        counter(JWKS_FETCHES, "reason", reason, "outcome", outcome).inc();
    }

    @Override
    void introspectionCache(boolean hit) {
        (hit ? introspectionCacheHits : introspectionCacheMisses).inc();
    }

    @Override
    void tokenCache(boolean hit) {
        (hit ? tokenCacheHits : tokenCacheMisses).inc();
    }

    @Override
    void lockout(String event) {
        counter(LOCKOUTS, "event", event, null, null).inc();
    }

    private Counter counter(String name, String tag, String value, String tag2, String value2) {
        // A record rather than a concatenated key: no string is built per call, and the label values are
        // mostly constants whose hash codes are cached.
        return counters.computeIfAbsent(new Series(name, value, value2), k -> tag2 == null
                ? registry.counter(name, new Tag(tag, value))
                : registry.counter(name, new Tag(tag, value), new Tag(tag2, value2)));
    }

    /** One series: the metric's name and its label values (the label names follow from the name). */
    private record Series(String name, String value, String value2) {
    }
}
