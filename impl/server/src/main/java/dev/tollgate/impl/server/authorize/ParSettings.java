package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.Settings;

/**
 * Settings of pushed authorization requests (RFC 9126), read once.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>{@code tollgate.server.par.required}</td><td>{@code false}: {@code true} refuses every authorization
 *       request that did not come through {@code POST /oauth2/par} (RFC 9126 §5
 *       {@code require_pushed_authorization_requests})</td></tr>
 * </table>
 *
 * @param required whether every client must push its authorization requests
 */
public record ParSettings(boolean required) {

    public static ParSettings defaults() {
        return new ParSettings(false);
    }

    /** @throws dev.tollgate.impl.config.ConfigurationException naming the key of an invalid value */
    public static ParSettings from(ConfigSource config) {
        return new ParSettings(new Settings(config, "tollgate.server.par.").bool("required", false));
    }
}
