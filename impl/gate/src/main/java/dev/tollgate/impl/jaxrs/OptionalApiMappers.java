package dev.tollgate.impl.jaxrs;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers the mappers for Bean Validation and JSON-B exceptions, each only when its API is on the application's
 * class path.
 *
 * <p>Those mappers refer to {@code jakarta.validation} and {@code jakarta.json.bind} types in their signatures. Had
 * they {@code @Provider}, scanning would load them in every host WAR, and a WAR without the feature (Liberty without
 * {@code beanValidation-3.0}, a plain servlet container) would fail to link them. So they are named here as strings
 * and loaded only after their API has been found.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class OptionalApiMappers implements Feature {

    private static final Logger LOG = Logger.getLogger(OptionalApiMappers.class.getName());

    /** The API class that must be present → the mappers that need it. */
    private static final String[][] MAPPERS = {
        {"jakarta.validation.ConstraintViolationException",
            OptionalApiMappers.class.getPackageName() + ".ConstraintViolationExceptionMapper",
            OptionalApiMappers.class.getPackageName() + ".ValidationExceptionMapper"},
        {"jakarta.json.bind.JsonbException",
            OptionalApiMappers.class.getPackageName() + ".JsonbExceptionMapper"},
    };

    @Override
    public boolean configure(FeatureContext context) {
        ClassLoader loader = OptionalApiMappers.class.getClassLoader();
        boolean any = false;
        for (String[] entry : MAPPERS) {
            if (!isPresent(entry[0], loader)) {
                LOG.fine(() -> entry[0] + " is absent: its exception mappers are not registered");
                continue;
            }
            for (int i = 1; i < entry.length; i++) {
                try {
                    context.register(Class.forName(entry[i], true, loader));
                    any = true;
                } catch (ClassNotFoundException | LinkageError e) {
                    LOG.log(Level.WARNING, "Cannot register " + entry[i], e);
                }
            }
        }
        return any;
    }

    static boolean isPresent(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
