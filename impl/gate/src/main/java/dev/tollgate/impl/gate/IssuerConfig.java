package dev.tollgate.impl.gate;

import dev.tollgate.impl.introspect.IntrospectionConfig;
import dev.tollgate.impl.jwt.JwtConfig;
import dev.tollgate.impl.verification.ClaimMapping;
import java.util.Objects;
import java.util.Optional;

/**
 * One trusted issuer: the short form ({@code tollgate.gate.issuer}, {@code jwks-uri}, ...) or a named one
 * ({@code tollgate.gate.issuers.<name>.issuer}, ...). Built and validated by {@link GateConfig#from}; at least one of
 * {@code jwt} and {@code introspection} is present.
 *
 * @param name {@value #SHORT_FORM} for the short form, else the configured name
 * @param keyPrefix the prefix of its keys, for messages: {@code tollgate.gate.} or
 *     {@code tollgate.gate.issuers.<name>.}
 * @param issuer the {@code iss} its tokens carry, by which a JWT is routed to it; empty only for a lone short-form
 *     issuer configured with a key source alone, which then takes every JWT
 * @param jwt how its JWTs are verified; empty when it has introspection only
 * @param introspection how its opaque tokens are verified; empty without an endpoint
 * @param claims where its tokens keep roles and scopes
 */
public record IssuerConfig(String name, String keyPrefix, Optional<String> issuer, Optional<JwtConfig> jwt,
                           Optional<IntrospectionConfig> introspection, ClaimMapping claims) {

    /** The name of the issuer configured by the short-form keys. */
    public static final String SHORT_FORM = "default";

    public IssuerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwt, "jwt");
        Objects.requireNonNull(introspection, "introspection");
        Objects.requireNonNull(claims, "claims");
        if (jwt.isEmpty() && introspection.isEmpty()) {
            throw new IllegalArgumentException("an issuer needs JWT keys or introspection");
        }
    }

    /** Whether this is the issuer of the short-form keys. */
    public boolean isShortForm() {
        return keyPrefix.equals(GateConfig.PREFIX);
    }
}
