package dev.tollgate.impl.problem;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.error.ProblemType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem details object, as sent in every non-OAuth error response.
 *
 * @param type a stable URI naming the reason ({@link ProblemType})
 * @param instance the request path the problem occurred on
 * @param errors field name to messages, for validation failures; empty otherwise
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457#section-3">RFC 9457 §3</a>
 */
public record Problem(URI type, String title, int status, String detail, String instance,
                      Map<String, List<String>> errors) {

    /** The RFC 9457 media type. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        errors = errors == null ? Map.of() : Map.copyOf(errors);
    }

    public static Problem of(ProblemType problemType, String detail, String instance) {
        return new Problem(problemType.type(), problemType.title(), problemType.status(), detail, instance, Map.of());
    }

    public static Problem of(ProblemType problemType, String detail, String instance,
                             Map<String, List<String>> errors) {
        return new Problem(problemType.type(), problemType.title(), problemType.status(), detail, instance, errors);
    }

    /** The JSON body. Written with Nimbus's JSON support so the gate needs no JSON-B in a plain container. */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type.toString());
        json.put("title", title);
        json.put("status", status);
        if (detail != null) {
            json.put("detail", detail);
        }
        if (instance != null) {
            json.put("instance", instance);
        }
        if (!errors.isEmpty()) {
            json.put("errors", new LinkedHashMap<>(errors));
        }
        return JSONObjectUtils.toJSONString(json);
    }
}
