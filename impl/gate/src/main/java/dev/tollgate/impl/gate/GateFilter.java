package dev.tollgate.impl.gate;

import dev.tollgate.api.Caller;
import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Success;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;

/**
 * The gate: a servlet filter that admits a request only with a good Bearer token or good plain-header credentials.
 *
 * <p>Installed in every web application that carries the jar by {@link GateInitializer}, a
 * {@code ServletContainerInitializer}: first in the chain, whatever {@code metadata-complete} says. It can also be
 * declared by hand (then the initializer leaves it where it is declared and prepares its {@link Gate}); configuration
 * does the rest (see {@link GateConfig} for the keys). It needs nothing but Servlet 6: CDI and Jakarta Security are
 * used when present.
 *
 * <p>Per request: public path? pass. Otherwise {@link CredentialExtractor} → {@link Verifier} → either the caller,
 * as request attribute {@link Caller#REQUEST_ATTRIBUTE} and as the wrapped request's principal, or the refusal, by
 * {@link ChallengeWriter}. The realm is left as request attribute {@link BearerChallenge#REALM_ATTRIBUTE} on every
 * request, for challenges written later (403 from JAX-RS).
 */
public final class GateFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(GateFilter.class.getName());

    private Gate gate;
    private GateConfig config;
    private CredentialExtractor extractor;
    private Verifier verifier;
    private ChallengeWriter challenges;

    /** For a filter declared by hand: its gate is the one the initializer prepared, or started in {@link #init}. */
    public GateFilter() {
    }

    /** For the initializer, which has started the gate already. */
    GateFilter(Gate gate) {
        this.gate = gate;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        ServletContext context = filterConfig.getServletContext();
        if (gate == null && context.getAttribute(Gate.ATTRIBUTE) instanceof Gate prepared) {
            gate = prepared;
        }
        if (gate == null) {
            // Declared by hand, and no initializer ran (e.g. an embedded container that does not run them).
            String application = Gate.applicationName(context.getContextPath());
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try {
                gate = Gate.start(ConfigSource.chain(List.of(
                                ConfigSource.from(filterConfig::getInitParameter,
                                        () -> Collections.list(filterConfig.getInitParameterNames())),
                                GateInitializer.contextParameters(context))),
                        loader != null ? loader : GateFilter.class.getClassLoader(), application);
            } catch (ConfigurationException e) {
                throw new ServletException(Gate.logFailure(application, e));
            }
        }
        config = gate.config();
        extractor = gate.extractor();
        verifier = gate.verifier();
        challenges = gate.challenges();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !config.enabled()) {
            chain.doFilter(req, res);
            return;
        }
        request.setAttribute(BearerChallenge.REALM_ATTRIBUTE, config.realm());
        String path = pathInApplication(request);
        // An optional path wins over a public one that also matches it (e.g. optional /oauth2/register under a
        // public /oauth2/register/*, since "/x/*" also matches "/x").
        boolean optionalPath = config.optionalPaths().matches(path);
        if ((!optionalPath && config.publicPaths().matches(path))
                || (config.corsPreflight() && isCorsPreflight(request))) {
            request.setAttribute(Caller.REQUEST_ATTRIBUTE, Caller.anonymous());
            chain.doFilter(request, response);
            return;
        }
        VerificationResult result;
        try {
            boolean anonymousAllowed = optionalPath || config.mode() == GateConfig.Mode.OPTIONAL;
            result = verifier.verify(extractor.extract(Headers.of(request)), anonymousAllowed,
                    request.getRemoteAddr());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Tollgate gate: verification failed unexpectedly (" + e.getClass().getName() + ")");
            challenges.writeInternalError(request, response);
            return;
        }
        if (result instanceof Success success) {
            request.setAttribute(Caller.REQUEST_ATTRIBUTE, success.caller());
            chain.doFilter(new AuthenticatedRequest(request, success.caller()), response);
        } else {
            LOG.fine(() -> "Gate refused " + request.getMethod() + " " + request.getRequestURI() + ": " + result);
            challenges.write(request, response, result);
        }
    }

    /**
     * A CORS-preflight request (Fetch standard §3.2.2): {@code OPTIONS} with {@code Origin} and
     * {@code Access-Control-Request-Method}. A browser sends it without credentials, before the real request.
     */
    static boolean isCorsPreflight(HttpServletRequest request) {
        return "OPTIONS".equals(request.getMethod()) && request.getHeader("Origin") != null
                && request.getHeader("Access-Control-Request-Method") != null;
    }

    /** The path inside the application: servlet path plus path info, both decoded and normalised by the container. */
    static String pathInApplication(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + pathInfo;
        return path.isEmpty() ? "/" : path;
    }
}
