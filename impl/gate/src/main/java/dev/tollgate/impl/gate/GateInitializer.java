package dev.tollgate.impl.gate;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Installs the gate in every web application that carries the jar, when the application starts.
 *
 * <p>A {@code ServletContainerInitializer} from a {@code WEB-INF/lib} jar runs whatever {@code metadata-complete} says
 * (Servlet 6.0 §8.2.4), where a {@code web-fragment.xml} would be skipped. Only an {@code <absolute-ordering>} that
 * leaves the jar out (fragment {@code tollgate}, or {@code <others/>}) keeps it from running: no jar can help that.
 *
 * <p>On start-up it reads and checks the configuration and builds the verifiers ({@link Gate#start}). A bad value
 * logs one SEVERE line naming the key and throws, so the application does not start (§8.2.4: a container must not
 * start an application whose initializer failed), rather than answering every request with 500. Then:
 * <ul>
 *   <li>no gate filter declared (a {@code metadata-complete} WAR): it registers {@link GateFilter} as
 *       {@value #FILTER_NAME} for {@code /*}, REQUEST and ASYNC, before every filter mapping of {@code web.xml}
 *       ({@code isMatchAfter} false, Servlet 6.0 §4.4.2);
 *   <li>the jar's fragment declared it (for containers that run no initializers): it takes that declaration over,
 *       hands it the gate started here, and maps it to {@code /*} once more, before the mappings of {@code web.xml}:
 *       a fragment's own mappings come after them. The filter runs once per dispatch however many mappings match;
 *   <li>the application declared it itself under another name: that declaration stands as it is, with the gate
 *       started here.
 * </ul>
 */
public final class GateInitializer implements ServletContainerInitializer {

    /** The gate filter's name. */
    public static final String FILTER_NAME = "tollgate-gate";

    private static final Logger LOG = Logger.getLogger(GateFilter.class.getName());

    /** The dispatches the gate sees: a request, and its async re-dispatch (which may lose the wrapped request). */
    private static final EnumSet<DispatcherType> DISPATCHES = EnumSet.of(DispatcherType.REQUEST,
            DispatcherType.ASYNC);

    /**
     * Installs the gate, and logs at FINE how long that took ({@code Tollgate gate for /ctx: initializer took N ms}),
     * so that the gate's own part of an application's start-up can be told apart from the container's.
     */
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        long started = System.nanoTime();
        String application = Gate.applicationName(context.getContextPath());
        try {
            install(context, application);
        } finally {
            LOG.fine(() -> "Tollgate gate for " + application + ": initializer took "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        }
    }

    private static void install(ServletContext context, String application) {
        Optional<? extends FilterRegistration> declared = context.getFilterRegistrations().values().stream()
                .filter(r -> FILTER_NAME.equals(r.getName()) || GateFilter.class.getName().equals(r.getClassName()))
                .findFirst();
        ConfigSource local = declared
                .map(r -> ConfigSource.chain(List.of(ConfigSource.of(Map.copyOf(r.getInitParameters())),
                        contextParameters(context))))
                .orElseGet(() -> contextParameters(context));
        Gate gate;
        try {
            gate = Gate.start(local, loader(context), application);
        } catch (ConfigurationException e) {
            failClosed(context, declared, Gate.logFailure(application, e));
            return;
        }
        if (declared.isPresent()) {
            FilterRegistration registration = declared.get();
            context.setAttribute(Gate.ATTRIBUTE, gate);
            if (gate.config().enabled() && FILTER_NAME.equals(registration.getName())) {
                // The fragment's declaration (or one under its name): map it first as well. Its own mappings cannot
                // be read reliably here (Jetty lists none before start), and a wider mapping only protects more.
                registration.addMappingForUrlPatterns(DISPATCHES, false, "/*");
            }
            LOG.fine(() -> "Tollgate gate for " + application + ": the filter " + registration.getName()
                    + " is declared by a descriptor; it gets the gate started here");
            return;
        }
        if (!gate.config().enabled()) {
            return;
        }
        FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, new GateFilter(gate));
        if (registration == null) {
            // The name is taken by a declaration the container did not list above: map that one first instead.
            context.setAttribute(Gate.ATTRIBUTE, gate);
            FilterRegistration existing = context.getFilterRegistration(FILTER_NAME);
            if (existing != null) {
                existing.addMappingForUrlPatterns(DISPATCHES, false, "/*");
            }
            return;
        }
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(DISPATCHES, false, "/*");
    }

    /**
     * Stops an application whose gate cannot start, and refuses its requests should it be served all the same.
     *
     * <p>Servlet 6.0 §8.2.4 says an application whose initializer fails must not start, but Liberty only warns
     * ({@code CWWWC0001W}) when an initializer throws, and then serves the application without the gate. A context
     * listener that throws stops the start in Liberty ({@code stopAppStartUponListenerException}, on by default
     * since servlet-5.0), Tomcat and Jetty alike. Should a container serve the application regardless, the gate's
     * filter answers every request with 503: the gate never fails open.
     */
    private static void failClosed(ServletContext context, Optional<? extends FilterRegistration> declared,
                                   String failure) {
        context.setAttribute(Gate.FAILURE_ATTRIBUTE, failure);
        context.addListener(new StartFailure(failure));
        FilterRegistration refusing = declared.isPresent() ? declared.get()
                : context.addFilter(FILTER_NAME, new GateFilter(failure));
        if (refusing == null) {
            refusing = context.getFilterRegistration(FILTER_NAME);
        }
        if (refusing != null) {
            if (refusing instanceof FilterRegistration.Dynamic dynamic) {
                dynamic.setAsyncSupported(true);
            }
            refusing.addMappingForUrlPatterns(DISPATCHES, false, "/*");
        }
    }

    /** Fails the application's start with the gate's configuration failure, which names the key. */
    private static final class StartFailure implements ServletContextListener {

        private final String failure;

        StartFailure(String failure) {
            this.failure = failure;
        }

        @Override
        public void contextInitialized(ServletContextEvent event) {
            throw new IllegalStateException(failure);
        }
    }

    /** The web application's context-params, as a source that can list its keys. */
    static ConfigSource contextParameters(ServletContext context) {
        return ConfigSource.from(context::getInitParameter, () -> Collections.list(context.getInitParameterNames()));
    }

    private static ClassLoader loader(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        return loader != null ? loader : GateInitializer.class.getClassLoader();
    }
}
