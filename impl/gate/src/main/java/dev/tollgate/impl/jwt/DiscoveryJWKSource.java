package dev.tollgate.impl.jwt;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Finds the issuer's {@code jwks_uri} in its metadata, lazily on the first token that needs a key, then serves keys
 * from there. Tries the OpenID Connect location first, then the RFC 8414 one. A failed lookup is retried at most once
 * per cooldown; until one succeeds, tokens get 503.
 *
 * @see <a href="https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig">OIDC Discovery §4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-3">RFC 8414 §3</a>
 */
final class DiscoveryJWKSource implements JWKSource<SecurityContext> {

    private static final Logger LOG = Logger.getLogger(DiscoveryJWKSource.class.getName());

    private final String issuer;
    private final ResourceRetriever retriever;
    private final Function<URL, JWKSource<SecurityContext>> remoteSource;
    private final long cooldownMillis;
    private final Clock clock;

    private volatile JWKSource<SecurityContext> delegate;
    private long nextAttempt = Long.MIN_VALUE;

    DiscoveryJWKSource(String issuer, ResourceRetriever retriever,
                       Function<URL, JWKSource<SecurityContext>> remoteSource, Duration cooldown, Clock clock) {
        this.issuer = issuer;
        this.retriever = retriever;
        this.remoteSource = remoteSource;
        this.cooldownMillis = cooldown.toMillis();
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSource<SecurityContext> source = delegate;
        if (source == null) {
            source = discover();
        }
        return source.get(selector, context);
    }

    private synchronized JWKSource<SecurityContext> discover() throws KeySourceException {
        if (delegate != null) {
            return delegate;
        }
        long now = clock.millis();
        if (now < nextAttempt) {
            throw new JWKSetUnavailableException("issuer metadata looked up too recently");
        }
        nextAttempt = now + cooldownMillis;
        for (URL location : metadataLocations(issuer)) {
            try {
                Resource resource = retriever.retrieveResource(location);
                Map<String, Object> metadata = JSONObjectUtils.parse(resource.getContent());
                // issuer (REQUIRED): MUST be identical to the issuer we asked about (RFC 8414 §3.3).
                if (!issuer.equals(JSONObjectUtils.getString(metadata, "issuer"))) {
                    LOG.warning(() -> "Tollgate gate: the metadata at " + location + " names another issuer; ignored");
                    continue;
                }
                // jwks_uri (REQUIRED for the gate)
                URI jwksUri = JSONObjectUtils.getURI(metadata, "jwks_uri");
                if (jwksUri == null || !isHttp(jwksUri)) {
                    LOG.warning(() -> "Tollgate gate: the metadata at " + location + " has no usable jwks_uri");
                    continue;
                }
                LOG.info(() -> "Tollgate gate: discovered jwks_uri " + jwksUri + " from " + location);
                delegate = remoteSource.apply(jwksUri.toURL());
                return delegate;
            } catch (IOException | ParseException | RuntimeException e) {
                LOG.fine(() -> "Issuer metadata not available at " + location + ": " + e.getClass().getSimpleName());
            }
        }
        LOG.warning(() -> "Tollgate gate: cannot discover the JWK set of issuer " + issuer + "; retrying after "
                + cooldownMillis + " ms at the earliest");
        throw new JWKSetUnavailableException("issuer metadata unavailable");
    }

    /**
     * {@code {issuer}/.well-known/openid-configuration} (OIDC: appended), then
     * {@code {scheme://host}/.well-known/oauth-authorization-server{path}} (RFC 8414 §3.1: inserted).
     */
    static List<URL> metadataLocations(String issuer) {
        List<URL> locations = new ArrayList<>(2);
        try {
            URI uri = new URI(issuer);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            String origin = uri.getScheme() + "://" + uri.getRawAuthority();
            locations.add(new URL(origin + trimmed + "/.well-known/openid-configuration"));
            locations.add(new URL(origin + "/.well-known/oauth-authorization-server" + trimmed));
        } catch (URISyntaxException | IOException e) {
            // GateConfig has checked that the issuer is an http(s) URL; nothing to look up otherwise.
        }
        return locations;
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return uri.isAbsolute() && uri.getHost() != null && (scheme.equals("https") || scheme.equals("http"));
    }
}
