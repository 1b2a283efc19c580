package dev.tollgate.impl.server.protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of one protocol request, checked once: no parameter is repeated (RFC 6749 §3.1, §3.2: "Request
 * and response parameters MUST NOT be included more than once"), except those listed as multi-valued (RFC 8707's
 * {@code resource}). Empty values count as omitted.
 */
public final class Parameters {

    private final Map<String, List<String>> values;

    private Parameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** @throws RequestParseException invalid_request when a single-valued parameter is repeated */
    public static Parameters of(Map<String, List<String>> raw, Set<String> multiValued)
            throws RequestParseException {
        Map<String, List<String>> values = RequestBody.withoutEmpty(raw);
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            if (entry.getValue().size() > 1 && !multiValued.contains(entry.getKey())) {
                throw RequestParseException.invalidRequest("the parameter " + RequestBody.printable(entry.getKey())
                        + " is repeated");
            }
        }
        return new Parameters(values);
    }

    public Optional<String> optional(String name) {
        List<String> list = values.get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    public String required(String name) throws RequestParseException {
        return optional(name).orElseThrow(() -> RequestParseException.invalidRequest("the parameter " + name
                + " is missing"));
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every parameter with its values (empty ones left out), unmodifiable. */
    public Map<String, List<String>> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
