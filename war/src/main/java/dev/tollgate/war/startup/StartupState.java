package dev.tollgate.war.startup;

import dev.tollgate.impl.server.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Where this node's start-up stands. Until it has {@link Phase#STARTED}, everything that needs the database is
 * refused with a {@link StoreException} (a 503 with {@code Retry-After}, in the endpoint's error format) and
 * readiness is DOWN: a node never serves from a schema that is not migrated, before its declared clients and
 * bootstrap administrator exist, or without its signing keys. Thread-safe.
 */
public final class StartupState {

    /** The phases, in the order a start goes through them ({@code WAITING_FOR_DATABASE} only in an outage). */
    public enum Phase {
        /** The first attempt runs (during the deployment). */
        STARTING("starting"),
        /** The database could not be reached; attempts go on in the background. */
        WAITING_FOR_DATABASE("waiting for the database"),
        /** Ready to serve. */
        STARTED("started"),
        /** Failed for a reason other than an unreachable database; the log says which. */
        FAILED("failed; see the server log");

        private final String description;

        Phase(String description) {
            this.description = description;
        }

        /** A fixed text for the public readiness endpoint: never an exception message. */
        public String description() {
            return description;
        }
    }

    private final Clock clock;
    private volatile Phase phase = Phase.STARTING;
    private volatile Instant since;
    private volatile int attempts;

    public StartupState(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.since = clock.instant();
    }

    public Phase phase() {
        return phase;
    }

    /** When the current phase began. */
    public Instant since() {
        return since;
    }

    /** The start-up attempts made so far. */
    public int attempts() {
        return attempts;
    }

    public boolean started() {
        return phase == Phase.STARTED;
    }

    /**
     * @throws StoreException unless the start-up has completed: the request needs what it sets up, so it is
     *                        answered as a database outage (503, {@code Retry-After}), never served half set up
     */
    public void requireStarted() {
        Phase now = phase;
        if (now != Phase.STARTED) {
            throw new StoreException("serve before the start-up completed (" + now.description() + ")", null);
        }
    }

    synchronized void attempted() {
        attempts++;
    }

    synchronized void enter(Phase next) {
        if (phase != next) {
            phase = next;
            since = clock.instant();
        }
    }
}
