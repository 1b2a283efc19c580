package dev.tollgate.war.oauth;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The headers every protocol response carries. */
final class ProtocolResponses {

    private ProtocolResponses() {
    }

    /**
     * 200 JSON that must not be cached: tokens (RFC 6749 §5.1 "MUST include ... Cache-Control: no-store") and
     * introspection answers. Set as text: CacheControl's default adds no-transform.
     */
    static Response noStore(String json) {
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    /** 200 JSON that caches may keep for {@code maxAgeSeconds} (metadata, keys, the public client list). */
    static Response cacheable(String json, int maxAgeSeconds) {
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAgeSeconds)
                .build();
    }
}
