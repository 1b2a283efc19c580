package dev.tollgate.impl.gate;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * start an application whose initializer failed), rather than answering every request with 500. Then it registers
 * {@link GateFilter} as {@value #FILTER_NAME} for {@code /*}, for REQUEST and ASYNC dispatches, before every filter
 * mapping of {@code web.xml} ({@code isMatchAfter} false, Servlet 6.0 §4.4.2). If the application declares the filter
 * itself (by name or class), that declaration stands and gets the gate started here.
 */
public final class GateInitializer implements ServletContainerInitializer {

    /** The gate filter's name. */
    public static final String FILTER_NAME = "tollgate-gate";

    private static final Logger LOG = Logger.getLogger(GateFilter.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        String application = Gate.applicationName(context.getContextPath());
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
            throw new ServletException(Gate.logFailure(application, e));
        }
        if (declared.isPresent()) {
            context.setAttribute(Gate.ATTRIBUTE, gate);
            LOG.fine(() -> "Tollgate gate for " + application + ": the application declares the filter "
                    + declared.get().getName() + " itself; its mapping stands");
            return;
        }
        if (!gate.config().enabled()) {
            return;
        }
        FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, new GateFilter(gate));
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
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
