package dev.tollgate.impl.metadata;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.impl.dpop.DpopConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RFC 9728 protected-resource metadata of one web application, built once from configuration, and its URL.
 *
 * <p>The document is served by the gate inside the application, at {@code <context>}{@value #PATH}. RFC 9728 §3.1
 * puts it at the host root, with the resource's path after the well-known suffix
 * ({@code https://host/.well-known/oauth-protected-resource/ctx} for {@code https://host/ctx}), which a web
 * application at {@code /ctx} cannot serve. So every challenge names the URL where it is
 * ({@code resource_metadata}, §5.1), which is how a client that meets the resource first finds it; an application at
 * the context root {@code /} serves the §3.1 URL exactly.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-2">RFC 9728 §2</a>
 */
public final class ProtectedResourceMetadata {

    /** The well-known path (RFC 9728 §3), inside the application. */
    public static final String PATH = "/.well-known/oauth-protected-resource";

    private final String url;
    private final byte[] json;

    private ProtectedResourceMetadata(String url, byte[] json) {
        this.url = url;
        this.json = json;
    }

    /**
     * @param externalBaseUrl the URL clients reach this server by
     * @param contextPath the application's context path, empty for the root
     * @param resource the configured resource identifier; empty: {@code externalBaseUrl} plus the context path
     * @param dpop the DPoP settings, for {@code dpop_signing_alg_values_supported} and
     *     {@code dpop_bound_access_tokens_required}
     */
    public static ProtectedResourceMetadata of(URI externalBaseUrl, String contextPath, Optional<URI> resource,
                                               List<String> authorizationServers, List<String> scopesSupported,
                                               Optional<String> resourceName, Optional<URI> resourceDocumentation,
                                               DpopConfig dpop) {
        String base = withoutTrailingSlash(externalBaseUrl.toString()) + (contextPath == null ? "" : contextPath);
        Map<String, Object> document = new LinkedHashMap<>();
        // resource (REQUIRED, §2)
        document.put("resource", resource.map(URI::toString).orElse(base));
        // authorization_servers, scopes_supported (OPTIONAL)
        if (!authorizationServers.isEmpty()) {
            document.put("authorization_servers", authorizationServers);
        }
        if (!scopesSupported.isEmpty()) {
            document.put("scopes_supported", scopesSupported);
        }
        // bearer_methods_supported: the gate reads tokens from the Authorization header only (RFC 6750 §2.1)
        document.put("bearer_methods_supported", List.of("header"));
        resourceName.ifPresent(name -> document.put("resource_name", name));
        resourceDocumentation.ifPresent(uri -> document.put("resource_documentation", uri.toString()));
        if (dpop.enabled()) {
            document.put("dpop_signing_alg_values_supported",
                    dpop.algorithms().stream().map(JWSAlgorithm::getName).toList());
            document.put("dpop_bound_access_tokens_required", dpop.required());
        }
        return new ProtectedResourceMetadata(base + PATH,
                JSONObjectUtils.toJSONString(document).getBytes(StandardCharsets.UTF_8));
    }

    /** Where the document is served, as clients see it: for {@code resource_metadata} in challenges. */
    public String url() {
        return url;
    }

    /** The document, UTF-8 JSON. */
    public byte[] json() {
        return json.clone();
    }

    private static String withoutTrailingSlash(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
