package dev.tollgate.impl.server.audit;

import dev.tollgate.api.Caller;
import dev.tollgate.impl.gate.RepeatedWarning;
import dev.tollgate.impl.server.audit.AuditEvent.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records the security events of the authorization server: each one as a row of {@code audit_events} (for
 * {@code GET /api/admin/events}) and as one JSON line at INFO on the logger {@value #LOGGER} (for a SIEM).
 *
 * <p><b>A failed write never fails the request.</b> The event is logged first, so the SIEM line exists whatever the
 * database does; then inserted. An insert that fails (the database is down, the table is locked) is a WARNING at
 * most once a minute ({@link RepeatedWarning}), naming the event type only, and the user's request goes on: a
 * sign-in or an admin change must not depend on a logging table, and the refusals that matter (a lockout, a reuse)
 * have already taken effect. An audit that must be complete even then reads the log lines.
 *
 * <p><b>Nothing secret.</b> Callers pass ids, never a token, secret or password; a failed sign-in carries no
 * subject, because what was typed as the name may be no account at all (or a password typed into the wrong field),
 * and a hash of it would not hide it: email addresses are few enough to hash them all. Thread-safe.
 */
public final class AuditTrail {

    /** The name of the logger of the JSON lines. */
    public static final String LOGGER = "dev.tollgate.audit";

    private static final Logger LINES = Logger.getLogger(LOGGER);
    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    private static final AuditTrail OFF = new AuditTrail();

    private final Optional<AuditEventStore> store;
    private final boolean tokenEvents;
    private final Clock clock;
    private final Function<Caller, Optional<String>> actors;
    private final boolean on;
    /** One WARNING a minute at most while the database refuses the events. */
    private final RepeatedWarning writeFailed = new RepeatedWarning(LOG, Duration.ofMinutes(1));

    /**
     * @param store       where the events are kept
     * @param settings    whether {@code token.issued} is recorded
     * @param actors      the user id or client id of an authenticated caller (a plain-header caller's subject is
     *                    an email, which is looked up); empty when it names nobody of this server
     */
    public AuditTrail(AuditEventStore store, AuditSettings settings, Clock clock,
                      Function<Caller, Optional<String>> actors) {
        this.store = Optional.of(Objects.requireNonNull(store, "store"));
        this.tokenEvents = settings.tokenEvents();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.actors = Objects.requireNonNull(actors, "actors");
        this.on = true;
    }

    private AuditTrail() {
        this.store = Optional.empty();
        this.tokenEvents = false;
        this.clock = Clock.systemUTC();
        this.actors = caller -> Optional.empty();
        this.on = false;
    }

    /** A trail that records nothing, for services built without one (tests, tools). */
    public static AuditTrail off() {
        return OFF;
    }

    /** Whether {@code token.issued} events are recorded ({@code tollgate.server.audit.token-events}). */
    public boolean tokenEvents() {
        return tokenEvents;
    }

    /** An event of {@code type} that succeeded; record it with {@link Draft#record()}. */
    public Draft success(AuditEventType type) {
        return new Draft(type, Outcome.SUCCESS);
    }

    /** An event of {@code type} that failed, or a refusal; record it with {@link Draft#record()}. */
    public Draft failure(AuditEventType type) {
        return new Draft(type, Outcome.FAILURE);
    }

    /**
     * An event being described. The actor and the address default to the current request's ({@link AuditContext})
     * when not set. Not thread-safe; record it once.
     */
    public final class Draft {

        private final AuditEventType type;
        private final Outcome outcome;
        private String actor;
        private String subject;
        private String client;
        private String address;
        private final Map<String, Object> detail = new LinkedHashMap<>();
        private boolean ofRequest = true;

        private Draft(AuditEventType type, Outcome outcome) {
            this.type = Objects.requireNonNull(type, "type");
            this.outcome = outcome;
        }

        /** A user id or client id; by default the current request's authenticated caller. */
        public Draft actor(String actor) {
            this.actor = actor;
            return this;
        }

        /** The user id the event is about. */
        public Draft subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The client id the event is about. */
        public Draft client(String client) {
            this.client = client;
            return this;
        }

        /** The client address; by default the current request's remote address. */
        public Draft address(String address) {
            this.address = address;
            return this;
        }

        /**
         * The event is the server's own doing (a scheduled key rotation), not the current request's: its actor and
         * address are not taken from the request that happens to run it.
         */
        public Draft byServer() {
            this.ofRequest = false;
            return this;
        }

        /** A small descriptive value, never a secret: a grant type, a scope, a key id, a reason code. */
        public Draft detail(String name, Object value) {
            if (value != null) {
                detail.put(name, value);
            }
            return this;
        }

        /** Logs and stores the event; never throws (see {@link AuditTrail}). */
        public void record() {
            if (!on) {
                return;
            }
            try {
                Optional<AuditContext.Request> request = ofRequest ? AuditContext.current() : Optional.empty();
                String who = actor != null ? actor : request.flatMap(r -> r.caller().get()).flatMap(actors)
                        .orElse(null);
                String where = address != null ? address : request.map(AuditContext.Request::address).orElse(null);
                AuditTrail.this.record(new AuditEvent(UUID.randomUUID(),
                        clock.instant().truncatedTo(ChronoUnit.MICROS), type, outcome, who, subject, client, where,
                        detail));
            } catch (RuntimeException e) {
                writeFailed.log(() -> "Could not describe audit event " + type.dotted() + " ("
                        + e.getClass().getSimpleName() + "); the request goes on");
            }
        }
    }

    private void record(AuditEvent event) {
        LINES.info(event::toJsonLine);
        try {
            store.ifPresent(events -> events.insert(event));
        } catch (RuntimeException e) {
            writeFailed.log(() -> "Could not write audit event " + event.type().dotted() + " " + event.id()
                    + " to the database (" + e.getClass().getSimpleName() + "); it is only in the " + LOGGER
                    + " log, and the request goes on");
            LOG.log(Level.FINE, "Audit write failure", e);
        }
    }
}
