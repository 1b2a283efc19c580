package dev.tollgate.war.openapi;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documentation only: the schema {@code Problem} of every {@code application/problem+json} body. Never instantiated;
 * the bodies are written by the gate's {@code dev.tollgate.impl.problem.Problem}, whose members this record mirrors.
 * (The class has its own name so that {@code Problem} names one class only; the schema keeps the name
 * {@code Problem}, which the README and the error responses refer to.)
 */
@Schema(name = "Problem", requiredProperties = {"type", "title", "status"}, description = """
        RFC 9457 problem details. `type` is a stable URI naming the reason (see the problem types of the README); \
        clients may switch on it. Never holds a token, a password, an exception message or a stack trace.""")
public record ProblemSchema(
        @Schema(format = "uri", description = "The reason, one of the `https://tollgate.dev/problems/…` URIs.",
                examples = "https://tollgate.dev/problems/missing-credentials")
        URI type,
        @Schema(description = "A short, fixed summary of the type.", examples = "Authentication required")
        String title,
        @Schema(description = "The HTTP status code of the response.", examples = "401")
        int status,
        @Schema(description = "What went wrong with this request, in words; for a 500 only a correlation id.")
        String detail,
        @Schema(format = "uri-reference", description = "The request path (without the query).",
                examples = "/api/me")
        String instance,
        @Schema(description = """
                Validation problems only (`https://tollgate.dev/problems/validation`): the messages for each \
                invalid field or parameter.""", examples = "{\"size\": [\"must be a whole number from 1 to 100\"]}")
        Map<String, List<String>> errors) {
}
