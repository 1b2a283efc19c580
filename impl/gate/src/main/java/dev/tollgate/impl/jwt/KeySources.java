package dev.tollgate.impl.jwt;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.tollgate.api.spi.GateObserver;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.verification.Observations;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the JWK source the configuration asks for: a local file, else an explicit {@code jwks-uri}, else the
 * {@code jwks_uri} discovered from the issuer; an empty set when only an HS256 secret is configured.
 */
public final class KeySources {

    /** The most bytes a JWK set or metadata document may have. */
    static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    private KeySources() {
    }

    /**
     * The key source of the short-form issuer (keys {@code tollgate.gate.*}).
     *
     * @throws ConfigurationException when the JWK set file cannot be read (naming {@code tollgate.gate.jwks-file})
     */
    public static JWKSource<SecurityContext> create(JwtConfig config, Clock clock) {
        return create(config, clock, "tollgate.gate.");
    }

    /**
     * @param keyPrefix the prefix of the issuer's keys, for messages: {@code tollgate.gate.} or
     *     {@code tollgate.gate.issuers.<name>.}
     * @throws ConfigurationException when the JWK set file cannot be read (naming its {@code jwks-file} key)
     */
    public static JWKSource<SecurityContext> create(JwtConfig config, Clock clock, String keyPrefix) {
        return create(config, clock, keyPrefix, Observations.NONE);
    }

    /**
     * @param keyPrefix the prefix of the issuer's keys, for messages
     * @param observer told of every fetch of a remote set, with its reason
     * @throws ConfigurationException when the JWK set file cannot be read (naming its {@code jwks-file} key)
     */
    public static JWKSource<SecurityContext> create(JwtConfig config, Clock clock, String keyPrefix,
                                                    Supplier<Optional<GateObserver>> observer) {
        if (config.jwksFile().isPresent()) {
            try {
                return new FileJWKSource(config.jwksFile().get());
            } catch (IOException e) {
                throw new ConfigurationException(keyPrefix + "jwks-file", "cannot be read: "
                        + e.getClass().getSimpleName());
            } catch (ParseException e) {
                throw new ConfigurationException(keyPrefix + "jwks-file", "is not a JWK set (RFC 7517 §5)");
            }
        }
        ResourceRetriever retriever = retriever(config);
        if (config.jwksUri().isPresent()) {
            try {
                return remote(config.jwksUri().get().toURL(), retriever, config, clock, observer);
            } catch (MalformedURLException e) {
                throw new ConfigurationException(keyPrefix + "jwks-uri", "is not a URL");
            }
        }
        if (config.issuer().isPresent() && config.discovery()) {
            return new DiscoveryJWKSource(config.issuer().get(), retriever,
                    url -> remote(url, retriever, config, clock, observer), config.jwksRefreshCooldown(), clock);
        }
        return new ImmutableJWKSet<>(new JWKSet());
    }

    /**
     * A remote JWK set through Nimbus's caching sources: cached for the TTL, fetched at most once per
     * cooldown ({@link CooldownJWKSetSource}, which also logs every fetch at FINE), and outage tolerant: when a fetch
     * fails the last good set stays in use until a fetch succeeds.
     *
     * <p>The cache reads time from {@code clock} (Nimbus's own sources pass {@code System.currentTimeMillis()}), so
     * that the TTL and the cooldown can be tested without waiting.
     */
    static JWKSource<SecurityContext> remote(URL url, ResourceRetriever retriever, JwtConfig config, Clock clock) {
        return remote(url, retriever, config, clock, Observations.NONE);
    }

    static JWKSource<SecurityContext> remote(URL url, ResourceRetriever retriever, JwtConfig config, Clock clock,
                                             Supplier<Optional<GateObserver>> observer) {
        JWKSetSource<SecurityContext> fetch = new CooldownJWKSetSource(new URLBasedJWKSetSource<>(url, retriever),
                url.toString(), config.jwksRefreshCooldown(), config.jwksCacheTtl(), observer);
        long refreshTimeout = config.connectTimeout().plus(config.readTimeout()).toMillis() + 1000;
        // As JWKSourceBuilder builds it with cache(ttl, timeout), outageTolerantForever() and nothing else.
        JWKSetSource<SecurityContext> cached = new CachingJWKSetSource<>(
                new OutageTolerantJWKSetSource<>(fetch, Long.MAX_VALUE, null),
                config.jwksCacheTtl().toMillis(), refreshTimeout, null);
        return new ClockedJWKSource(cached, clock);
    }

    /**
     * Nimbus's {@code JWKSetBasedJWKSource}, reading the time from a {@link Clock}: the cached set, and when it has no
     * key for the selector, one refetch (which the cooldown may refuse, leaving the last good set).
     */
    private record ClockedJWKSource(JWKSetSource<SecurityContext> source, Clock clock)
            implements JWKSource<SecurityContext> {

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            long now = clock.millis();
            JWKSet keys = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
            List<JWK> found = selector.select(keys);
            if (!found.isEmpty()) {
                return found;
            }
            return selector.select(source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(keys), now,
                    context));
        }
    }

    static ResourceRetriever retriever(JwtConfig config) {
        return new DefaultResourceRetriever(Math.toIntExact(config.connectTimeout().toMillis()),
                Math.toIntExact(config.readTimeout().toMillis()), MAX_DOCUMENT_BYTES);
    }
}
