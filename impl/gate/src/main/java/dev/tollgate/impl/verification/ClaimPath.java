package dev.tollgate.impl.verification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a token keeps a list of names (roles, scopes): a path of claim names into its JSON claims.
 *
 * <p>Syntax: names separated by {@code .}, each walking one level down into a JSON object:
 * <ul>
 *   <li>{@code roles}, {@code scp}: a top-level claim;
 *   <li>{@code realm_access.roles}: claim {@code roles} of the object in claim {@code realm_access} (Keycloak);
 *   <li>{@code resource_access.{client}.roles}: {@code {client}} stands for the configured client id
 *       ({@link #withClient(String)});
 *   <li>{@code [https://example.com/roles]}: a name with dots in it is written in brackets (Auth0 namespaces);
 *       colons and slashes need none ({@code urn:zitadel:iam:org:project:roles}).
 * </ul>
 *
 * <p>What the path leads to gives the names ({@link #values(Map)}): an array, its string elements; a string, its
 * space-separated words (RFC 6749 §3.3 scope); an object, its keys (Zitadel's project roles). Anything else, or a
 * path that leads nowhere, gives nothing.
 *
 * @param segments the claim names, outermost first
 */
public record ClaimPath(List<String> segments) {

    /** The placeholder for the configured client id. */
    public static final String CLIENT = "{client}";

    /**
     * What separates the words of a space-separated claim. Compiled once: {@code String.split("\\s+")} compiles it
     * again for every token, which cost about a tenth of a token's cold verification.
     */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public ClaimPath {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a claim path names at least one claim");
        }
    }

    /**
     * Reads a path.
     *
     * @throws IllegalArgumentException saying what is wrong (it quotes the path, which is configuration, not a
     *     secret)
     */
    public static ClaimPath parse(String text) {
        String path = text.strip();
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a claim path must not be empty");
        }
        List<String> segments = new ArrayList<>();
        boolean bracketed = false;
        int i = 0;
        while (true) {
            String segment;
            if (path.charAt(i) == '[') {
                int close = path.indexOf(']', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("'" + path + "' has a '[' without its ']'");
                }
                segment = path.substring(i + 1, close);
                if (segment.contains("[")) {
                    throw new IllegalArgumentException("'" + path + "' nests brackets");
                }
                bracketed = true;
                i = close + 1;
                if (i < path.length() && path.charAt(i) != '.') {
                    throw new IllegalArgumentException("'" + path + "' has text right after a ']'; separate claim"
                            + " names with '.'");
                }
            } else {
                int dot = path.indexOf('.', i);
                int end = dot < 0 ? path.length() : dot;
                segment = path.substring(i, end);
                if (segment.contains("[") || segment.contains("]")) {
                    throw new IllegalArgumentException("'" + path + "': brackets enclose a whole claim name, as in"
                            + " [https://example.com/roles]");
                }
                i = end;
            }
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("'" + path + "' has an empty claim name");
            }
            segments.add(segment);
            if (i >= path.length()) {
                break;
            }
            i++; // the '.'
            if (i >= path.length()) {
                throw new IllegalArgumentException("'" + path + "' ends with '.'");
            }
        }
        if (!bracketed && segments.size() > 1 && segments.stream().anyMatch(s -> s.contains("://"))) {
            // https://example.com/roles read as [https://example][com/roles] is never what was meant.
            throw new IllegalArgumentException("'" + path + "' looks like one claim name with dots in it; write it"
                    + " in brackets: [" + path + "]");
        }
        return new ClaimPath(segments);
    }

    /** Whether the path uses the {@value #CLIENT} placeholder. */
    public boolean usesClient() {
        return segments.stream().anyMatch(s -> s.contains(CLIENT));
    }

    /** The path with {@value #CLIENT} replaced by {@code clientId} (which stays one claim name, dots and all). */
    public ClaimPath withClient(String clientId) {
        return new ClaimPath(segments.stream().map(s -> s.replace(CLIENT, clientId)).toList());
    }

    /**
     * Adds the names this path leads to in {@code claims} to {@code into}.
     *
     * @return whether the path led to a claim at all (even one that gave no names)
     */
    public boolean collect(Map<String, Object> claims, Set<String> into) {
        Object value = claims;
        for (String segment : segments) {
            if (!(value instanceof Map<?, ?> object)) {
                return false;
            }
            value = object.get(segment);
            if (value == null) {
                return false;
            }
        }
        if (value instanceof String words) {
            for (String word : WHITESPACE.split(words.strip())) {
                if (!word.isEmpty()) {
                    into.add(word);
                }
            }
        } else if (value instanceof Collection<?> elements) {
            for (Object element : elements) {
                if (element instanceof String s && !s.isBlank()) {
                    into.add(s.strip());
                }
            }
        } else if (value instanceof Map<?, ?> object) {
            for (Object key : object.keySet()) {
                if (key instanceof String s && !s.isBlank()) {
                    into.add(s);
                }
            }
        } else {
            return false;
        }
        return true;
    }

    /** The path as configured, with brackets where a name needs them. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(segment.contains(".") ? "[" + segment + "]" : segment);
        }
        return out.toString();
    }
}
