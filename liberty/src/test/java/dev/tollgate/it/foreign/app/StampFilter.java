package dev.tollgate.it.foreign.app;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The foreign application's own filter, declared in its web.xml: it stamps every response it sees with
 * {@code X-Inventory-Filter: user=<the remote user when it ran>}. A response that the gate refused carries no stamp
 * when the gate ran first; a response that passed says whether the gate had already authenticated the request.
 */
public class StampFilter implements Filter {

    /** The header this filter adds. */
    public static final String HEADER = "X-Inventory-Filter";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String user = ((HttpServletRequest) request).getRemoteUser();
        ((HttpServletResponse) response).setHeader(HEADER, "user=" + (user == null ? "none" : user));
        chain.doFilter(request, response);
    }
}
