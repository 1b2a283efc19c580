package dev.tollgate.impl.gate;

import dev.tollgate.impl.config.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The paths the gate lets through untouched ({@code tollgate.gate.public-paths}): {@code /x} matches exactly that
 * path, {@code /x/*} matches {@code /x} and everything below it, {@code /*} everything. Paths are those inside the
 * web application ({@code servletPath + pathInfo}), already decoded and normalised by the container.
 */
public final class PublicPaths {

    private final Set<String> exact;
    private final List<String> prefixes;
    private final boolean all;
    private final List<String> patterns;

    private PublicPaths(Set<String> exact, List<String> prefixes, boolean all, List<String> patterns) {
        this.exact = exact;
        this.prefixes = prefixes;
        this.all = all;
        this.patterns = patterns;
    }

    /** @throws ConfigurationException naming {@code key} when a pattern is not {@code /x} or {@code /x/*} */
    public static PublicPaths parse(List<String> patterns, String key) {
        java.util.HashSet<String> exact = new java.util.HashSet<>();
        List<String> prefixes = new ArrayList<>();
        boolean all = false;
        for (String pattern : patterns) {
            if (!pattern.startsWith("/")) {
                throw new ConfigurationException(key, "each path must start with '/', was '" + pattern + "'");
            }
            if (pattern.equals("/*")) {
                all = true;
            } else if (pattern.endsWith("/*") && pattern.indexOf('*') == pattern.length() - 1) {
                prefixes.add(pattern.substring(0, pattern.length() - 2));
            } else if (pattern.indexOf('*') < 0) {
                exact.add(pattern);
            } else {
                throw new ConfigurationException(key, "'*' is allowed only as a final '/*', was '" + pattern + "'");
            }
        }
        return new PublicPaths(Set.copyOf(exact), List.copyOf(prefixes), all, List.copyOf(patterns));
    }

    public static PublicPaths none() {
        return new PublicPaths(Set.of(), List.of(), false, List.of());
    }

    public boolean matches(String path) {
        if (all || exact.contains(path)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix) && path.charAt(prefix.length()) == '/') {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return !all && exact.isEmpty() && prefixes.isEmpty();
    }

    /** The patterns as configured. */
    public List<String> patterns() {
        return patterns;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PublicPaths that && patterns.equals(that.patterns);
    }

    @Override
    public int hashCode() {
        return patterns.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }
}
