package dev.tollgate.api.error;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An API error that is rendered as an RFC 9457 problem. The detail is shown to the client, so it must be safe to
 * show: never an exception message, a token or a secret.
 */
public final class ProblemException extends TollgateException {

    private final ProblemType problemType;
    private final Map<String, List<String>> errors;

    public ProblemException(ProblemType problemType, String detail) {
        this(problemType, detail, Map.of());
    }

    /** A validation failure: {@code errors} maps each field to its messages. */
    public ProblemException(ProblemType problemType, String detail, Map<String, List<String>> errors) {
        super(detail, null);
        this.problemType = Objects.requireNonNull(problemType, "problemType");
        this.errors = Map.copyOf(errors);
    }

    public ProblemType problemType() {
        return problemType;
    }

    /** The detail shown to the client. */
    public String detail() {
        return getMessage();
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
