package dev.tollgate.it.foreign.issuers;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.api.Caller;
import dev.tollgate.impl.gate.GateFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The gate in a plain embedded Servlet 6 container (Jetty 12 ee10, no CDI, no MicroProfile Config), one context per
 * gate configuration, each configured by the filter's init-params alone. Behind the gate, {@code /whoami} echoes
 * what the application sees of the caller as JSON: {@code subject}, {@code client_id}, {@code roles}, {@code scopes}
 * and, for the roles named in {@code ?check=a,b}, the answers of {@code isUserInRole}.
 */
final class GatedContexts implements AutoCloseable {

    private final Server jetty;
    private final String base;

    private GatedContexts(Server jetty, String base) {
        this.jetty = jetty;
        this.base = base;
    }

    /** Starts one context per entry: context path → the gate's init-params. On 127.0.0.1, an ephemeral port. */
    static GatedContexts start(Map<String, Map<String, String>> contexts) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ContextHandlerCollection handlers = new ContextHandlerCollection();
        contexts.forEach((path, config) -> {
            ServletContextHandler context = new ServletContextHandler(path);
            FilterHolder gate = new FilterHolder(GateFilter.class);
            gate.setInitParameters(config);
            context.addFilter(gate, "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new WhoAmI()), "/whoami");
            handlers.addHandler(context);
        });
        jetty.setHandler(handlers);
        jetty.start();
        return new GatedContexts(jetty, "http://127.0.0.1:" + connector.getLocalPort());
    }

    String url(String context) {
        return base + context + "/whoami";
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    static final class WhoAmI extends HttpServlet {

        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Caller caller = (Caller) request.getAttribute(Caller.REQUEST_ATTRIBUTE);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("subject", caller.subject());
            body.put("client_id", caller.clientId().orElse(null));
            body.put("roles", new TreeSet<>(caller.roles()).stream().toList());
            body.put("scopes", new TreeSet<>(caller.scopes()).stream().toList());
            Map<String, Object> inRole = new LinkedHashMap<>();
            String check = request.getParameter("check");
            if (check != null) {
                Arrays.stream(check.split(",")).forEach(role -> inRole.put(role, request.isUserInRole(role)));
            }
            body.put("in_role", inRole);
            response.setContentType("application/json");
            response.getWriter().print(JSONObjectUtils.toJSONString(body));
        }
    }
}
