package dev.tollgate.war.http;

import dev.tollgate.api.error.OAuthError;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.problem.Problem;
import dev.tollgate.impl.protocol.ErrorResponse;
import dev.tollgate.war.oauth.ProtocolPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Answers a request whose path does not decode ({@link RequestPath}), or whose {@code Accept}, {@code Accept-Language}
 * or {@code Content-Type} does not parse ({@link NegotiationHeaders}), with a 400 in the format of its path, before
 * the JAX-RS runtime sees it: RESTEasy decodes the path and parses these headers for every request before any provider
 * of ours runs, and when it cannot it logs a warning with a stack trace and answers with the container's HTML error
 * page. Any client could fill the log that way.
 *
 * <p>The answer: on the OAuth protocol endpoints ({@link ProtocolPaths#answersOAuthErrors}) the RFC 6749 §5.2
 * {@code invalid_request}, elsewhere the RFC 9457 {@code bad-request} problem. Logged at FINE only.
 */
@WebFilter(filterName = "MalformedRequestFilter", urlPatterns = "/*")
public class MalformedRequestFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(MalformedRequestFilter.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<String> malformed = RequestPath.decodes(path) ? NegotiationHeaders.malformed(request::getHeaders)
                .map(header -> "The " + header + " header is malformed.")
                : Optional.of("The request path is not percent-encoded UTF-8.");
        if (malformed.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        LOG.fine(() -> "Request refused: " + malformed.get());
        String detail = malformed.get();
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        String body;
        if (ProtocolPaths.answersOAuthErrors(path)) {
            response.setContentType("application/json");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
            body = new ErrorResponse(OAuthError.INVALID_REQUEST.code(), Optional.of(detail)).toJson();
        } else {
            response.setContentType(Problem.MEDIA_TYPE);
            body = Problem.of(ProblemType.BAD_REQUEST, detail, path).toJson();
        }
        // JSON is UTF-8 (RFC 8259 §8.1): written as bytes, with no charset parameter, like every other answer.
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
