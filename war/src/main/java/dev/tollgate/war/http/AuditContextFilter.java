package dev.tollgate.war.http;

import dev.tollgate.api.Caller;
import dev.tollgate.impl.server.audit.AuditContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Tells the audit trail, for the length of each request, where it comes from and who made it
 * ({@link AuditContext}): the servlet's remote address (a forwarded header is not trusted, as elsewhere in this
 * server) and the {@link Caller} the gate left in the request attribute {@link Caller#REQUEST_ATTRIBUTE}, read when
 * an event is recorded, so that the order of this filter and the gate does not matter.
 */
@WebFilter(filterName = "AuditContextFilter", urlPatterns = "/*")
public class AuditContextFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try (AuditContext.Scope scope = AuditContext.enter(request.getRemoteAddr(), () -> caller(request))) {
            chain.doFilter(request, response);
        }
    }

    private static Optional<Caller> caller(HttpServletRequest request) {
        return request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller ? Optional.of(caller)
                : Optional.empty();
    }
}
