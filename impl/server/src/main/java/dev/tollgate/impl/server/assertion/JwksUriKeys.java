package dev.tollgate.impl.server.assertion;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of clients that registered a {@code jwks_uri} (RFC 7591 §2), fetched with Nimbus's {@link JWKSourceBuilder}
 * (the library the gate's JWKS sources build on too): a connect and a read timeout of
 * {@value #CONNECT_TIMEOUT_MILLIS} ms and {@value #READ_TIMEOUT_MILLIS} ms, at most {@value ClientJwks#MAX_LENGTH}
 * bytes, cached for {@link #CACHE_FOR} and refetched (rate-limited) when an assertion names an unknown
 * {@code kid}. Only URIs on an allowed host are ever fetched: the host is checked again here, not only at
 * registration, since the allow-list may have shrunk. At most {@value #MAX_SOURCES} sources are kept (emptied when
 * full). Thread-safe.
 */
public final class JwksUriKeys {

    static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    static final int READ_TIMEOUT_MILLIS = 2_000;
    static final Duration CACHE_FOR = Duration.ofMinutes(5);
    static final int MAX_SOURCES = 1_000;

    private final ClientAssertionSettings settings;
    private final Map<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    public JwksUriKeys(ClientAssertionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The fetch failed: the key source is unreachable, which is not a verdict on the client. */
    public static final class UnreachableException extends Exception {
        UnreachableException(Throwable cause) {
            super("the client's jwks_uri could not be read", cause, false, false);
        }
    }

    /**
     * The keys at {@code uri}, from the cache when fresh.
     *
     * @return empty when the URI is not (or no longer) allowed
     * @throws UnreachableException when it cannot be fetched
     */
    public Optional<JWKSet> keys(String uri) throws UnreachableException {
        try {
            ClientJwks.checkUri(uri, settings.jwksUriHosts());
        } catch (ClientJwks.InvalidJwksException e) {
            return Optional.empty();
        }
        JWKSource<SecurityContext> source = sources.get(uri);
        if (source == null) {
            if (sources.size() >= MAX_SOURCES) {
                sources.clear();
            }
            source = sources.computeIfAbsent(uri, JwksUriKeys::newSource);
        }
        try {
            return Optional.of(new JWKSet(source.get(new JWKSelector(new JWKMatcher.Builder().build()), null)));
        } catch (KeySourceException e) {
            throw new UnreachableException(e);
        }
    }

    private static JWKSource<SecurityContext> newSource(String uri) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(uri).toURL(),
                            new DefaultResourceRetriever(CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS,
                                    ClientJwks.MAX_LENGTH))
                    .cache(CACHE_FOR.toMillis(), CONNECT_TIMEOUT_MILLIS + READ_TIMEOUT_MILLIS)
                    .retrying(false)
                    .outageTolerant(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("jwks_uri is not a URL", e);
        }
    }
}
