package dev.tollgate.impl.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.tollgate.impl.config.ConfigurationException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;

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
     * @throws ConfigurationException when the JWK set file cannot be read (naming {@code tollgate.gate.jwks-file})
     */
    public static JWKSource<SecurityContext> create(JwtConfig config, Clock clock) {
        if (config.jwksFile().isPresent()) {
            try {
                return new FileJWKSource(config.jwksFile().get());
            } catch (IOException e) {
                throw new ConfigurationException("tollgate.gate.jwks-file", "cannot be read: "
                        + e.getClass().getSimpleName());
            } catch (ParseException e) {
                throw new ConfigurationException("tollgate.gate.jwks-file", "is not a JWK set (RFC 7517 §5)");
            }
        }
        ResourceRetriever retriever = retriever(config);
        if (config.jwksUri().isPresent()) {
            try {
                return remote(config.jwksUri().get().toURL(), retriever, config);
            } catch (MalformedURLException e) {
                throw new ConfigurationException("tollgate.gate.jwks-uri", "is not a URL");
            }
        }
        if (config.issuer().isPresent() && config.discovery()) {
            return new DiscoveryJWKSource(config.issuer().get(), retriever, url -> remote(url, retriever, config),
                    config.jwksRefreshCooldown(), clock);
        }
        return new ImmutableJWKSet<>(new JWKSet());
    }

    /**
     * A remote JWK set through Nimbus's {@link JWKSourceBuilder}: cached for the TTL, fetched at most once per
     * cooldown ({@link CooldownJWKSetSource}), and outage tolerant: when a fetch fails the last good set stays in
     * use until a fetch succeeds.
     */
    static JWKSource<SecurityContext> remote(URL url, ResourceRetriever retriever, JwtConfig config) {
        JWKSetSource<SecurityContext> fetch = new CooldownJWKSetSource(new URLBasedJWKSetSource<>(url, retriever),
                config.jwksRefreshCooldown());
        long refreshTimeout = config.connectTimeout().plus(config.readTimeout()).toMillis() + 1000;
        return JWKSourceBuilder.create(fetch)
                .cache(config.jwksCacheTtl().toMillis(), refreshTimeout)
                .refreshAheadCache(false)
                .rateLimited(false)
                .retrying(false)
                .outageTolerantForever()
                .build();
    }

    static ResourceRetriever retriever(JwtConfig config) {
        return new DefaultResourceRetriever(Math.toIntExact(config.connectTimeout().toMillis()),
                Math.toIntExact(config.readTimeout().toMillis()), MAX_DOCUMENT_BYTES);
    }
}
