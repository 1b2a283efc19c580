package dev.tollgate.impl.server.audit;

import dev.tollgate.api.Caller;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the current HTTP request tells the audit trail: the client address (the servlet's remote address; forwarded
 * headers are not trusted, as elsewhere in the server) and the authenticated caller, if any. The WAR's request
 * filter {@linkplain #enter enters} it around every request, so that the services record events without each
 * method taking the request as a parameter; outside a request (a scheduled key rotation) there is none.
 *
 * <p>The caller is looked up when an event is recorded, not when the request enters: the gate may authenticate the
 * request after the filter that entered the context ran.
 */
public final class AuditContext {

    private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();

    /** The request in progress on this thread. */
    record Request(String address, Supplier<Optional<Caller>> caller) {
    }

    /** Leaves the request's context: put it in a try-with-resources around the request. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private AuditContext() {
    }

    /**
     * Enters a request on this thread until the scope closes.
     *
     * @param address the servlet's remote address, null when unknown
     * @param caller  the request's authenticated caller, when there is one by then
     */
    public static Scope enter(String address, Supplier<Optional<Caller>> caller) {
        Objects.requireNonNull(caller, "caller");
        Request previous = CURRENT.get();
        CURRENT.set(new Request(address, caller));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    static Optional<Request> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
