package dev.tollgate.war.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The headers of every file of the web console ({@code /console/}), the login pages' rules made stricter for pages
 * that run script: no framing ({@code X-Frame-Options}, CSP {@code frame-ancestors}), no referrer and no caching
 * (the console's URL carries the authorization response's {@code code} and {@code state} until the script has read
 * them), and a CSP that allows the console's own files only: script and style from {@code 'self'}, nothing inline,
 * no {@code eval}, requests ({@code connect-src}) to this origin only, no form submitted anywhere.
 *
 * <p>The console files themselves are static (served by the container); the tokens they obtain stay in the page's
 * memory, so the only thing these headers protect is that page: an injected script or a framing site would reach
 * the tokens, nothing else could.
 */
@WebFilter(filterName = "ConsoleHeaders", urlPatterns = {"/console", "/console/*"})
public class ConsoleHeaders extends HttpFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
