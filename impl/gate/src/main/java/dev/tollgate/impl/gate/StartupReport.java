package dev.tollgate.impl.gate;

import dev.tollgate.impl.jwt.JwtConfig;
import dev.tollgate.impl.verification.ClaimPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * What the gate logs once at start: exactly one INFO line, {@code Tollgate gate for /ctx: ...}, that says what the
 * gate accepts (the way a user confirms that the application is protected), and WARNING lines for risky settings.
 * Never a secret.
 */
final class StartupReport {

    private static final Logger LOG = Logger.getLogger(GateFilter.class.getName());

    private StartupReport() {
    }

    /**
     * @param plainHeaders what checks plain-header credentials; empty when they are off
     * @param localIssuer whether the application's own authorization server's tokens are accepted too
     */
    static void log(GateConfig config, String application, Optional<String> plainHeaders, boolean localIssuer) {
        log(config, application, plainHeaders, localIssuer, Optional.empty());
    }

    /** @param resourceMetadata the URL of the protected-resource metadata the gate serves; empty when none */
    static void log(GateConfig config, String application, Optional<String> plainHeaders, boolean localIssuer,
                    Optional<String> resourceMetadata) {
        String app = "Tollgate gate for " + application;
        if (!config.enabled()) {
            LOG.warning(app + " is DISABLED (tollgate.gate.enabled=false): every request passes unauthenticated");
            return;
        }
        for (IssuerConfig issuer : config.issuers()) {
            if (issuer.jwt().isPresent() && issuer.jwt().get().audiences().isEmpty()) {
                LOG.warning(app + ": " + issuer.keyPrefix() + "audience is not set, so the aud claim is NOT checked:"
                        + " tokens that issuer made for other APIs are accepted");
            }
        }
        List<String> bearer = new ArrayList<>();
        config.issuers().forEach(issuer -> bearer.add(describe(issuer)));
        if (localIssuer) {
            bearer.add("the application's own authorization server (LocalIssuer)");
        }
        if (bearer.isEmpty() && plainHeaders.isEmpty()) {
            LOG.warning(app + ": no credentials can succeed: configure tollgate.gate.issuer (or jwks-uri, jwks-file,"
                    + " introspection.endpoint, issuers.<name>.*), or provide a PlainCredentialVerifier");
        }
        GateConfig.PlainHeadersConfig plain = config.plainHeaders();
        String plainText = plainHeaders.map(checker -> "on (" + plain.emailHeader() + "/" + plain.passwordHeader()
                        + ", checked by " + checker + ")")
                .orElse(plain.enabled().isPresent() ? "off (tollgate.gate.plain-headers.enabled=false)"
                        : "off (nothing can check them: no PlainCredentialVerifier, no identity store)");
        String dpop = config.dpop().enabled()
                ? "on (" + config.dpop().algorithmNames() + ", htu " + config.externalBaseUrl().orElseThrow()
                        + (config.dpop().required() ? ", required: Bearer refused" : "")
                        + (config.dpop().nonce() ? ", nonces" + (config.dpop().nonceSecret().isPresent()
                                ? " (shared secret)" : " (this node's own secret)") : "") + ")"
                : "off (set tollgate.gate.external-base-url)";
        LOG.info(app + ": Bearer tokens: " + (bearer.isEmpty() ? "none" : String.join("; ", bearer))
                + "; DPoP: " + dpop
                + "; resource metadata: " + resourceMetadata.orElse("off")
                + "; plain headers: " + plainText
                + "; mode=" + config.mode().name().toLowerCase(Locale.ROOT) + ", realm=" + config.realm()
                + ", public paths: " + (config.publicPaths().isEmpty() ? "none" : config.publicPaths())
                + ", optional paths: " + (config.optionalPaths().isEmpty() ? "none" : config.optionalPaths()));
    }

    private static String describe(IssuerConfig issuer) {
        List<String> parts = new ArrayList<>();
        issuer.jwt().ifPresent(jwt -> {
            parts.add("JWT keys " + keySource(jwt));
            if (!jwt.audiences().isEmpty()) {
                parts.add("audience " + String.join(",", jwt.audiences()));
            }
        });
        issuer.introspection().ifPresent(introspection -> {
            parts.add("introspection " + introspection.endpoint());
            if (issuer.jwt().isEmpty() && !introspection.audiences().isEmpty()) {
                parts.add("audience " + String.join(",", introspection.audiences()));
            }
        });
        parts.add("roles " + paths(issuer.claims().roles()));
        parts.add("scopes " + paths(issuer.claims().scopes()));
        return "issuer " + issuer.name() + " (" + issuer.issuer().orElse("any iss") + ": " + String.join(", ", parts)
                + ")";
    }

    private static String paths(List<ClaimPath> paths) {
        return paths.isEmpty() ? "none" : paths.stream().map(ClaimPath::toString).collect(Collectors.joining("|"));
    }

    private static String keySource(JwtConfig jwt) {
        String keys;
        if (jwt.jwksFile().isPresent()) {
            keys = "from file " + jwt.jwksFile().get();
        } else if (jwt.jwksUri().isPresent()) {
            keys = "from " + jwt.jwksUri().get();
        } else if (jwt.issuer().isPresent() && jwt.discovery()) {
            keys = "discovered from " + jwt.issuer().get();
        } else {
            keys = "none";
        }
        return jwt.hmacSecret().isPresent() ? keys + " and an HS256 secret" : keys;
    }
}
