package dev.tollgate.impl.client.jaxrs;

import dev.tollgate.api.client.AccessToken;
import dev.tollgate.api.client.TokenClient;
import dev.tollgate.impl.client.DpopProofs;
import dev.tollgate.impl.client.SenderConstraint;
import dev.tollgate.impl.client.TokenRejection;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Puts {@code Authorization: Bearer} on every call of a JAX-RS client, and replays a call once when the API
 * rejected the token.
 *
 * <pre>{@code
 * Client api = ClientBuilder.newClient().register(new BearerClientFilter(tokenClient));
 * }</pre>
 *
 * <p>When the answer is a 401 that rejects the token ({@link TokenRejection}: {@code error="invalid_token"},
 * {@code X-API-Expired: true} or {@code X-API-Revoked: true}), the filter invalidates that token, obtains a new
 * one (single flight, shared with every other caller) and sends the request once more through the same
 * {@link jakarta.ws.rs.client.Client} — so it works with any JAX-RS implementation. The replay carries the
 * request's headers and properties and a marker property that stops a second replay: a second 401 goes to the
 * caller as it is. The replayed answer is buffered in memory and takes the first one's place.
 *
 * <p>Only requests whose body can be sent again are replayed: no entity, or a {@code String}, {@code byte[]} or
 * {@link Form}. Set the request property {@value #REPLAYABLE} to {@code true} to allow replaying another entity
 * (an object that is serialized again). A stream is never replayed.
 *
 * <p>With DPoP ({@code dpop.enabled}) a DPoP-bound token goes as {@code Authorization: DPoP} with a new
 * {@code DPoP} proof on every call (RFC 9449 §7); a 401 {@code use_dpop_nonce} is replayed once with the nonce
 * (§9), and every {@code DPoP-Nonce} the API sends is remembered for its origin. With
 * {@code resource-metadata-discovery}, a client that has no authorization server yet sends the first call without
 * a token and, on the 401's {@code resource_metadata} (RFC 9728 §5), configures itself and replays the call once.
 * One replay at most, whatever its reason.
 *
 * <p>Register it on the {@code Client}, not on a {@code WebTarget}: the replay goes through the client's
 * configuration. When no token can be obtained, the call fails with a {@code ProcessingException} whose cause is
 * the {@link dev.tollgate.api.error.TokenClientException}.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerClientFilter implements ClientRequestFilter, ClientResponseFilter {

    /** Request property: the {@link AccessToken} this request was sent with. */
    public static final String TOKEN = "dev.tollgate.client.token";
    /** Request property set on a replay, so that it is not replayed again. */
    public static final String REPLAYED = "dev.tollgate.client.replayed";
    /** Request property: {@code true} allows replaying an entity other than String, byte[] or Form. */
    public static final String REPLAYABLE = "dev.tollgate.client.replayable";

    /** The {@link #TOKEN} property of a request sent without a token, waiting for RFC 9728 discovery. */
    private static final Object NO_TOKEN = new Object();

    private static final Logger LOG = Logger.getLogger(BearerClientFilter.class.getName());
    private static final Set<String> NOT_COPIED = Set.of("authorization", "content-length", "content-type", "host",
            "transfer-encoding", "connection", "dpop");

    private final TokenClient tokens;

    public BearerClientFilter(TokenClient tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public void filter(ClientRequestContext request) {
        // a replay carries the token it was given (a DPoP nonce replay keeps the first one)
        AccessToken token = request.getProperty(REPLAYED) != null && request.getProperty(TOKEN) instanceof
                AccessToken given ? given : SenderConstraint.tokenFor(tokens);
        if (token == null) {
            request.setProperty(TOKEN, NO_TOKEN);
            return; // RFC 9728 discovery: the resource's 401 will name the authorization server
        }
        request.getHeaders().remove(DpopProofs.HEADER);
        SenderConstraint.headers(tokens, token, request.getMethod(), request.getUri())
                .forEach((name, value) -> request.getHeaders().putSingle(name, value));
        request.setProperty(TOKEN, token);
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        Object sent = request.getProperty(TOKEN);
        if (request.getProperty(REPLAYED) != null || !(sent instanceof AccessToken || sent == NO_TOKEN)) {
            SenderConstraint.rememberNonce(tokens, request.getUri(), name -> values(response, name));
            return;
        }
        AccessToken used = sent instanceof AccessToken t ? t : null;
        SenderConstraint.Replay reason = SenderConstraint.after(tokens, request.getUri(), used, response.getStatus(),
                name -> values(response, name));
        if (reason == SenderConstraint.Replay.NONE) {
            return;
        }
        if (!replayable(request)) {
            LOG.fine(() -> "401 (" + reason + ") from " + request.getUri().getHost() + "; not replayed: the body is a "
                    + request.getEntity().getClass().getSimpleName());
            return;
        }
        AccessToken fresh = reason == SenderConstraint.Replay.DPOP_NONCE ? used : tokens.accessToken();
        discard(response.getEntityStream()); // frees the connection before the replay borrows one
        try (Response replayed = replay(request, fresh)) {
            response.setStatus(replayed.getStatus());
            response.getHeaders().clear();
            for (Map.Entry<String, List<String>> header : replayed.getStringHeaders().entrySet()) {
                response.getHeaders().addAll(header.getKey(), header.getValue());
            }
            response.setEntityStream(new ByteArrayInputStream(body(replayed)));
        }
    }

    /** The replayed answer's body; {@code hasEntity()} is not asked, some clients say false without a type. */
    private static byte[] body(Response replayed) {
        if (replayed.getStatus() == 204 || replayed.getLength() == 0) {
            return new byte[0];
        }
        byte[] body = replayed.readEntity(byte[].class);
        return body == null ? new byte[0] : body;
    }

    static boolean replayable(ClientRequestContext request) {
        if (!request.hasEntity()) {
            return true;
        }
        Object entity = request.getEntity();
        return entity instanceof String || entity instanceof byte[] || entity instanceof Form
                || Boolean.TRUE.equals(request.getProperty(REPLAYABLE))
                        && !(entity instanceof InputStream || entity instanceof java.io.Reader);
    }

    private Response replay(ClientRequestContext request, AccessToken fresh) {
        Invocation.Builder builder = request.getClient().target(request.getUri()).request();
        for (Map.Entry<String, List<String>> header : request.getStringHeaders().entrySet()) {
            if (!NOT_COPIED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                for (String value : header.getValue()) {
                    builder.header(header.getKey(), value);
                }
            }
        }
        for (String name : request.getPropertyNames()) {
            builder.property(name, request.getProperty(name));
        }
        builder.property(REPLAYED, Boolean.TRUE);
        // Set here too, so the replay carries the new token even if this filter is not on the client itself.
        SenderConstraint.headers(tokens, fresh, request.getMethod(), request.getUri()).forEach(builder::header);
        builder.property(TOKEN, fresh);
        if (!request.hasEntity()) {
            return builder.method(request.getMethod());
        }
        return builder.method(request.getMethod(), entity(request));
    }

    private static Entity<?> entity(ClientRequestContext request) {
        MediaType type = request.getMediaType() != null ? request.getMediaType()
                : MediaType.APPLICATION_OCTET_STREAM_TYPE;
        Object entity = request.getEntity();
        if (request.getEntityType() != null && !request.getEntityType().equals(entity.getClass())) {
            entity = new GenericEntity<>(entity, request.getEntityType());
        }
        return Entity.entity(entity, type, request.getEntityAnnotations());
    }

    private static List<String> values(ClientResponseContext response, String name) {
        for (Map.Entry<String, List<String>> header : response.getHeaders().entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return List.of();
    }

    /**
     * Reads the 401's body to its end, which returns the connection to the client's pool (the replay may need it:
     * some clients hold one connection only). Not closed: with some implementations closing the entity stream
     * closes the response, whose stream is about to be replaced.
     */
    private static void discard(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the 401's body is of no interest
        }
    }
}
