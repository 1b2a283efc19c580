package dev.tollgate.impl.server.lockout;

/**
 * Told of the lockout's events, e.g. to count them as metrics. Never told the account, its address or its key:
 * only what happened. Called on the request's thread; an implementation must be fast and must not throw.
 */
@FunctionalInterface
public interface LockoutObserver {

    /** What happened. */
    enum Event {
        /** A failed password check after which the account is locked (from that address, or everywhere). */
        LOCKED("locked"),
        /** A password check refused because the account is locked: no password was checked. */
        REFUSED("refused");

        private final String label;

        Event(String label) {
            this.label = label;
        }

        /** The event's name as a metric label: {@code locked} or {@code refused}. */
        public String label() {
            return label;
        }
    }

    /** Tells nobody. */
    LockoutObserver NONE = event -> {
    };

    void observed(Event event);
}
