package dev.tollgate.impl.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of the keys under one prefix. Every method either returns a valid value or throws a
 * {@link ConfigurationException} that names the full key; values of secret keys are never echoed.
 *
 * <p>Durations are ISO-8601 ({@code PT30S}) or a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 12h}, {@code 1d}.
 */
public final class Settings {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final ConfigSource source;
    private final String prefix;

    /** @param prefix e.g. {@code tollgate.gate.}; keys passed to the getters are relative to it */
    public Settings(ConfigSource source, String prefix) {
        this.source = source;
        this.prefix = prefix;
    }

    /** Settings for the keys under {@code prefix + name + "."}. */
    public Settings child(String name) {
        return new Settings(source, prefix + name + ".");
    }

    /**
     * The keys set under {@code key + "."}, relative to it, as far as the sources can list them: {@code kc.issuer}
     * for {@code tollgate.gate.issuers.kc.issuer} under {@code issuers}. An environment variable is listed in its own
     * spelling after the prefix's ({@code KC_ISSUER} for {@code TOLLGATE_GATE_ISSUERS_KC_ISSUER}); telling its parts
     * apart is left to the caller, who knows which keys may follow.
     */
    public Set<String> keysUnder(String key) {
        String dotted = key(key) + ".";
        String environment = ConfigSource.environmentName(dotted);
        Set<String> found = new TreeSet<>();
        for (String name : source.names()) {
            if (name.startsWith(dotted) && name.length() > dotted.length()) {
                found.add(name.substring(dotted.length()));
            } else if (name.startsWith(environment) && name.length() > environment.length()) {
                found.add(name.substring(environment.length()));
            }
        }
        return found;
    }

    /** The full key for a relative one, for messages. */
    public String key(String relativeKey) {
        return prefix + relativeKey;
    }

    public Optional<String> string(String key) {
        return source.get(key(key));
    }

    public String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    public String required(String key) {
        return string(key).orElseThrow(() -> new ConfigurationException(key(key), "is required"));
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(key(key), "must be true or false, was '" + raw.get() + "'");
        };
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> raw = string(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key(key), "must be a whole number, was '" + raw.get() + "'");
        }
        if (value < min || value > max) {
            throw new ConfigurationException(key(key), "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    public Duration duration(String key, Duration defaultValue) {
        return optionalDuration(key).orElse(defaultValue);
    }

    public Optional<Duration> optionalDuration(String key) {
        return string(key).map(raw -> {
            Duration value = parseDuration(raw).orElseThrow(() -> new ConfigurationException(key(key),
                    "must be a duration such as 30s, 5m or PT30S, was '" + raw + "'"));
            if (value.isNegative()) {
                throw new ConfigurationException(key(key), "must not be negative");
            }
            return value;
        });
    }

    /** A comma-separated list; blank entries are dropped. */
    public List<String> list(String key, List<String> defaultValue) {
        return string(key)
                .map(raw -> Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(defaultValue);
    }

    /** An absolute http or https URI. */
    public Optional<URI> httpUri(String key) {
        return string(key).map(raw -> {
            try {
                URI uri = new URI(raw);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new ConfigurationException(key(key), "must be an absolute http(s) URL, was '" + raw + "'");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new ConfigurationException(key(key), "must be an absolute http(s) URL, was '" + raw + "'");
            }
        });
    }

    /** For a secret: present or not, never echoed in an error. */
    public Optional<char[]> secret(String key) {
        return string(key).map(String::toCharArray);
    }

    static Optional<Duration> parseDuration(String raw) {
        String text = raw.trim();
        Matcher m = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return Optional.of(Duration.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
