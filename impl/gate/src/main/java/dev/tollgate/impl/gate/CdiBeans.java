package dev.tollgate.impl.gate;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The only class of the gate that touches CDI. Loaded only after {@link SpiLookup} has checked that the CDI API is on
 * the class path, so the gate still runs in a servlet container without CDI.
 */
final class CdiBeans {

    private static final Logger LOG = Logger.getLogger(CdiBeans.class.getName());

    private CdiBeans() {
    }

    /**
     * Whether CDI is running and has exactly one bean of {@code type} ({@code any}: at least one), found without
     * creating it: at start-up a {@code @Dependent} producer must not run before the application is ready.
     */
    static boolean has(Class<?> type, boolean any) {
        try {
            Instance<?> instance = CDI.current().select(type);
            return any ? !instance.isUnsatisfied() : instance.isResolvable();
        } catch (IllegalStateException | LinkageError e) {
            LOG.fine(() -> "No CDI container: " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Tollgate gate: looking up " + type.getName() + " in CDI failed: "
                    + e.getClass().getName());
        }
        return false;
    }

    /** The one bean of {@code type}, if CDI is running and has exactly one. */
    static <T> Optional<T> select(Class<T> type) {
        try {
            Instance<T> instance = CDI.current().select(type);
            if (instance.isResolvable()) {
                return Optional.of(instance.get());
            }
            if (instance.isAmbiguous()) {
                LOG.warning(() -> "Tollgate gate: more than one CDI bean implements " + type.getName()
                        + "; none is used");
            }
        } catch (IllegalStateException | LinkageError e) {
            // The CDI API is present but no container is running for this application.
            LOG.fine(() -> "No CDI container: " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Tollgate gate: looking up " + type.getName() + " in CDI failed: "
                    + e.getClass().getName());
        }
        return Optional.empty();
    }
}
