package dev.tollgate.war.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves the web console's static files ({@code /console/}, from the WAR's {@code console/} folder) with the login
 * pages' header rules made stricter for pages that run script: no framing ({@code X-Frame-Options}, CSP
 * {@code frame-ancestors}), no referrer and no caching (the console's URL carries the authorization response's
 * {@code code} and {@code state} until its script has read them), and a CSP that allows the console's own files
 * only: script and style from {@code 'self'}, nothing inline, no {@code eval}, requests ({@code connect-src}) to
 * this origin only, no form submitted anywhere.
 *
 * <p>A filter, not the container's file serving: the JAX-RS application is mapped at {@code /}, so its servlet
 * answers every path that no filter answers first. Only {@code GET} and {@code HEAD} of a file that exists, under a
 * plain path (letters, digits, {@code . _ -} and {@code /}, no {@code ..}); anything else is a 404 or 405 in plain
 * text, never a 500. The tokens the console obtains stay in the page's memory, so these headers protect the one
 * place they are.
 */
@WebFilter(filterName = "ConsoleFiles", urlPatterns = {"/console", "/console/*"})
public class ConsoleFiles extends HttpFilter {

    static final String FOLDER = "/console";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_\\-][A-Za-z0-9._\\-]*)*/?");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        headers(response);
        if (path.equals(FOLDER)) {
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + FOLDER + "/");
            return;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            text(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method not allowed.");
            return;
        }
        Optional<String> file = file(path.substring(FOLDER.length()));
        Optional<String> type = file.flatMap(ConsoleFiles::typeOf);
        InputStream content = type.isPresent() ? getServletContext().getResourceAsStream(FOLDER + file.get()) : null;
        if (content == null) {
            text(response, HttpServletResponse.SC_NOT_FOUND, "Not found.");
            return;
        }
        try (InputStream in = content) {
            byte[] bytes = in.readAllBytes();
            response.setContentType(type.get());
            response.setContentLength(bytes.length);
            if (method.equals("GET")) {
                response.getOutputStream().write(bytes);
            }
        }
    }

    /** The file a path under the folder names: {@code /} is {@code /index.html}; empty for a path not plain. */
    static Optional<String> file(String path) {
        if (!PLAIN_PATH.matcher(path).matches() || path.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(path.isEmpty() || path.endsWith("/") ? path + (path.isEmpty() ? "/" : "") + "index.html"
                : path);
    }

    static Optional<String> typeOf(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? Optional.empty()
                : Optional.ofNullable(TYPES.get(file.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    private static void headers(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    }

    private static void text(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
