package dev.tollgate.impl.config;

/** Invalid or missing configuration. The message names the key, and never contains a configured secret. */
public final class ConfigurationException extends RuntimeException {

    private final String key;

    public ConfigurationException(String key, String problem) {
        super("Invalid Tollgate configuration, key '" + key + "': " + problem);
        this.key = key;
    }

    /** The full configuration key at fault. */
    public String key() {
        return key;
    }
}
