package dev.tollgate.impl.config;

/** Invalid or missing configuration. The message names the key, and never contains a configured secret. */
public final class ConfigurationException extends RuntimeException {

    private final String key;
    private final String problem;

    public ConfigurationException(String key, String problem) {
        super("Invalid Tollgate configuration, key '" + key + "': " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** The full configuration key at fault. */
    public String key() {
        return key;
    }

    /** What is wrong with it, without the key: e.g. {@code must be true or false, was 'maybe'}. */
    public String problem() {
        return problem;
    }
}
