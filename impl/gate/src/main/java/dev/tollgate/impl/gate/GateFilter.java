package dev.tollgate.impl.gate;

import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.api.spi.GateObserver;
import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.metadata.ProtectedResourceMetadata;
import dev.tollgate.impl.problem.Problem;
import dev.tollgate.impl.verification.VerificationResult;
import dev.tollgate.impl.verification.VerificationResult.Failure;
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
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The gate: a servlet filter that admits a request only with a good Bearer token, a good DPoP-bound token with its
 * proof, or good plain-header credentials; it also serves the application's RFC 9728 protected-resource metadata.
 *
 * <p>Installed in every web application that carries the jar by {@link GateInitializer}, a
 * {@code ServletContainerInitializer}: first in the chain, whatever {@code metadata-complete} says. The jar's
 * {@code web-fragment.xml} declares it too, for containers that run no initializers; the initializer then takes that
 * declaration over. It can also be declared by hand; configuration does the rest (see {@link GateConfig} for the
 * keys). It runs once per dispatch, however many of its mappings match. It needs nothing but Servlet 6: CDI and Jakarta Security are
 * used when present.
 *
 * <p>Per request: public path? pass. Otherwise {@link CredentialExtractor} → {@link Verifier} → either the caller,
 * as request attribute {@link Caller#REQUEST_ATTRIBUTE} and as the wrapped request's principal, or the refusal, by
 * {@link ChallengeWriter}. The realm is left as request attribute {@link BearerChallenge#REALM_ATTRIBUTE} on every
 * request, for challenges written later (403 from JAX-RS).
 */
public final class GateFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(GateFilter.class.getName());

    /** Set on a request while it is in the chain behind the gate, for the length of one dispatch. */
    static final String IN_CHAIN_ATTRIBUTE = "dev.tollgate.gate.in-chain";

    /** How long clients and caches may keep the metadata: it changes only with the configuration. */
    static final int RESOURCE_METADATA_MAX_AGE_SECONDS = 3600;

    private Gate gate;
    /** Why the gate could not start (a line naming the key); while set, every request gets 503: fail closed. */
    private String startFailure;
    private GateConfig config;
    private CredentialExtractor extractor;
    private Verifier verifier;
    private ChallengeWriter challenges;
    /** Null when the gate serves no protected-resource metadata. */
    private ProtectedResourceMetadata resourceMetadata;
    /** Told each check's outcome (e.g. the server's metrics); found at the first checked request. */
    private final Supplier<Optional<GateObserver>> observer = new MemoizedSupplier<>(() -> SpiLookup.gateObserver(
            Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                    .orElse(GateFilter.class.getClassLoader())));

    /** For a filter declared by hand: its gate is the one the initializer prepared, or started in {@link #init}. */
    public GateFilter() {
    }

    /** For the initializer, which has started the gate already. */
    GateFilter(Gate gate) {
        this.gate = gate;
    }

    /** For the initializer, whose gate could not start: refuses every request (the application should not run). */
    GateFilter(String startFailure) {
        this.startFailure = startFailure;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        ServletContext context = filterConfig.getServletContext();
        if (gate == null && context.getAttribute(Gate.ATTRIBUTE) instanceof Gate prepared) {
            gate = prepared;
        }
        if (gate == null && startFailure == null
                && context.getAttribute(Gate.FAILURE_ATTRIBUTE) instanceof String failure) {
            startFailure = failure;
        }
        if (startFailure != null) {
            return;
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
                // Not thrown: Liberty would answer every request with a 500 page and a stack trace.
                startFailure = Gate.logFailure(application, e);
                return;
            }
        }
        config = gate.config();
        extractor = gate.extractor();
        verifier = gate.verifier();
        challenges = gate.challenges();
        resourceMetadata = gate.resourceMetadata().orElse(null);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (startFailure != null && res instanceof HttpServletResponse response) {
            refuseUnconfigured(req, response);
            return;
        }
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !config.enabled() || req.getAttribute(IN_CHAIN_ATTRIBUTE) != null) {
            // Already through the gate in this dispatch: the filter is mapped twice when the initializer takes over
            // the fragment's declaration.
            chain.doFilter(req, res);
            return;
        }
        request.setAttribute(IN_CHAIN_ATTRIBUTE, Boolean.TRUE);
        try {
            gate(request, response, chain);
        } finally {
            // Removed once the dispatch is done, so that an async re-dispatch is checked again.
            request.removeAttribute(IN_CHAIN_ATTRIBUTE);
        }
    }

    private void gate(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(BearerChallenge.REALM_ATTRIBUTE, config.realm());
        String path = pathInApplication(request);
        if (resourceMetadata != null) {
            request.setAttribute(BearerChallenge.RESOURCE_METADATA_ATTRIBUTE, resourceMetadata.url());
            if (ProtectedResourceMetadata.PATH.equals(path)
                    && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
                // RFC 9728 §3: public, served by the gate from configuration, whatever the application has there.
                serveResourceMetadata(request, response);
                return;
            }
        }
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
        boolean dpop;
        long started = System.nanoTime();
        try {
            boolean anonymousAllowed = optionalPath || config.mode() == GateConfig.Mode.OPTIONAL;
            Credentials credentials = extractor.extract(Headers.of(request));
            dpop = credentials instanceof Credentials.Dpop;
            result = verifier.verify(credentials, anonymousAllowed, request.getRemoteAddr(), request.getMethod(),
                    request.getRequestURI());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Tollgate gate: verification failed unexpectedly (" + e.getClass().getName() + ")");
            observe(ProblemType.INTERNAL_ERROR, started);
            challenges.writeInternalError(request, response);
            return;
        }
        observe(result, started);
        if (result instanceof Success success) {
            if (dpop) {
                request.setAttribute(BearerChallenge.SCHEME_ATTRIBUTE, BearerChallenge.DPOP_SCHEME);
                // RFC 9449 §9: the nonce for the client's next proof, on the response the application writes
                verifier.currentDpopNonce().ifPresent(nonce -> response.setHeader(ChallengeWriter.DPOP_NONCE, nonce));
            }
            request.setAttribute(Caller.REQUEST_ATTRIBUTE, success.caller());
            chain.doFilter(new AuthenticatedRequest(request, success.caller()), response);
        } else {
            LOG.fine(() -> "Gate refused " + request.getMethod() + " " + request.getRequestURI() + ": " + result);
            challenges.write(request, response, result, dpop);
        }
    }

    private void observe(VerificationResult result, long started) {
        if (result instanceof Success) {
            observe(GateObserver.ADMITTED, started);
        } else if (result instanceof Failure failure) {
            observe(failure.problem(), started);
        } else if (result instanceof VerificationResult.Throttled) {
            observe(ProblemType.TOO_MANY_ATTEMPTS, started);
        } else {
            observe(ProblemType.KEY_SOURCE_UNAVAILABLE, started);
        }
    }

    private void observe(ProblemType problem, long started) {
        String type = problem.type().toString();
        observe(type.substring(type.lastIndexOf('/') + 1), started);
    }

    private void observe(String outcome, long started) {
        Optional<GateObserver> told = observer.get();
        if (told.isPresent()) {
            try {
                told.get().checked(outcome, System.nanoTime() - started);
            } catch (RuntimeException e) {
                LOG.fine(() -> "Tollgate gate: the GateObserver failed (" + e.getClass().getName() + ")");
            }
        }
    }

    /**
     * The metadata document (RFC 9728 §3.2): 200 {@code application/json} to GET and HEAD (other methods are gated
     * as any request), cacheable by anyone, and
     * readable cross-origin (it is public, and browser-based clients discover their authorization server with it).
     */
    private void serveResourceMetadata(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = resourceMetadata.json();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Cache-Control", "public, max-age=" + RESOURCE_METADATA_MAX_AGE_SECONDS);
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    /** 503 for every request of an application whose gate could not start: nothing passes an unconfigured gate. */
    private static void refuseUnconfigured(ServletRequest req, HttpServletResponse response) throws IOException {
        String instance = req instanceof HttpServletRequest request ? request.getRequestURI() : null;
        Problem problem = Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                "The service is not configured correctly; its administrator can see why in the server log", instance);
        response.setStatus(problem.status());
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(problem.toJson());
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
