package dev.tollgate.impl.gate;

import dev.tollgate.impl.introspect.IntrospectionConfig;
import dev.tollgate.impl.jwt.JwtConfig;
import java.util.Optional;
import java.util.logging.Logger;

/** What the gate logs once at start: how it is set up, and warnings for risky settings. Never a secret. */
final class StartupReport {

    private static final Logger LOG = Logger.getLogger(GateFilter.class.getName());

    private StartupReport() {
    }

    static void log(GateConfig config, String contextPath) {
        String app = contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
        if (!config.enabled()) {
            LOG.warning("Tollgate gate for " + app + " is DISABLED (tollgate.gate.enabled=false): every request passes"
                    + " unauthenticated");
            return;
        }
        Optional<JwtConfig> jwt = config.jwt();
        if (jwt.isEmpty()) {
            LOG.info("Tollgate gate for " + app + ": JWT verification is off (none of tollgate.gate.issuer, jwks-uri,"
                    + " jwks-file is set)");
        } else if (jwt.get().audiences().isEmpty()) {
            LOG.warning("Tollgate gate for " + app + ": tollgate.gate.audience is not set, so the aud claim is NOT"
                    + " checked: tokens issued for other APIs are accepted");
        }
        LOG.info("Tollgate gate for " + app + ": realm=" + config.realm() + ", mode="
                + config.mode().name().toLowerCase(java.util.Locale.ROOT)
                + ", JWT keys: " + jwt.map(StartupReport::keySource).orElse("none")
                + ", introspection: " + config.introspection().map(IntrospectionConfig::endpoint)
                        .map(Object::toString).orElse("off")
                + ", plain headers: " + (config.plainHeaders().enabled() ? "on" : "off")
                + ", public paths: " + (config.publicPaths().isEmpty() ? "none" : config.publicPaths()));
    }

    private static String keySource(JwtConfig jwt) {
        String keys;
        if (jwt.jwksFile().isPresent()) {
            keys = "file " + jwt.jwksFile().get();
        } else if (jwt.jwksUri().isPresent()) {
            keys = jwt.jwksUri().get().toString();
        } else if (jwt.issuer().isPresent() && jwt.discovery()) {
            keys = "discovered from " + jwt.issuer().get();
        } else {
            keys = "none";
        }
        return jwt.hmacSecret().isPresent() ? keys + " (and an HS256 secret)" : keys;
    }
}
