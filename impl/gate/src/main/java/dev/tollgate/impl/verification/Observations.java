package dev.tollgate.impl.verification;

import dev.tollgate.api.spi.GateObserver;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Tells the gate's {@link GateObserver}, if there is one, of a JWK set fetch or a token cache look-up. Without an
 * observer a call costs one read of a memoized supplier; an observer that throws is logged at FINE and otherwise
 * ignored (it must not change a request's outcome).
 */
public final class Observations {

    private static final Logger LOG = Logger.getLogger(Observations.class.getName());

    /** Nobody to tell. */
    public static final Supplier<Optional<GateObserver>> NONE = Optional::empty;

    private Observations() {
    }

    /** @param reason one of the {@code GateObserver.JWKS_*} reasons */
    public static void jwksFetched(Supplier<Optional<GateObserver>> observer, String reason, boolean succeeded) {
        Optional<GateObserver> told = observer.get();
        if (told.isPresent()) {
            try {
                told.get().jwksFetched(reason, succeeded);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    public static void introspectionCache(Supplier<Optional<GateObserver>> observer, boolean hit) {
        Optional<GateObserver> told = observer.get();
        if (told.isPresent()) {
            try {
                told.get().introspectionCacheLookedUp(hit);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    public static void tokenCache(Supplier<Optional<GateObserver>> observer, boolean hit) {
        Optional<GateObserver> told = observer.get();
        if (told.isPresent()) {
            try {
                told.get().tokenCacheLookedUp(hit);
            } catch (RuntimeException e) {
                failed(e);
            }
        }
    }

    private static void failed(RuntimeException e) {
        LOG.fine(() -> "Tollgate gate: the GateObserver failed (" + e.getClass().getName() + ")");
    }
}
