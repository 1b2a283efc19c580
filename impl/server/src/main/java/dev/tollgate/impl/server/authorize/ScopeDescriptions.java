package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.config.ConfigSource;
import java.util.Map;
import java.util.Objects;

/**
 * What each scope means, in words, for the consent page and the JSON consent metadata. Configuration key
 * {@code tollgate.scopes.<scope>.description} overrides a built-in description or adds one; a scope without a
 * description is shown with a generic sentence that names it.
 */
public final class ScopeDescriptions {

    public static final String KEY_PREFIX = "tollgate.scopes.";

    static final Map<String, String> BUILT_IN = Map.of(
            "openid", "Sign you in with your account",
            "profile", "See your basic profile",
            "email", "See your email address",
            "offline_access", "Keep access while you are not using the application");

    private final ConfigSource config;

    public ScopeDescriptions(ConfigSource config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The description of {@code scope}: configured, else built in, else a fallback naming the scope. */
    public String describe(String scope) {
        return config.get(KEY_PREFIX + scope + ".description")
                .orElseGet(() -> BUILT_IN.getOrDefault(scope, "Use the \"" + scope + "\" permission"));
    }
}
