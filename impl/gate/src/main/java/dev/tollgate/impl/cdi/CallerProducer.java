package dev.tollgate.impl.cdi;

import dev.tollgate.api.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Makes the gate's caller injectable: {@code @Inject Caller caller} gives the caller of the current request.
 *
 * <p>The value is read from the request attribute {@link Caller#REQUEST_ATTRIBUTE} the first time the request uses
 * it, and kept for the rest of the request (request scope). It is {@link Caller#anonymous()} when the gate left no
 * caller: a public path, or a request the gate did not see.
 *
 * <p>The {@link HttpServletRequest} parameter is CDI's built-in bean for web applications (CDI 4.0 §18.3.2 in a
 * Jakarta EE container). Only CDI loads this class; without CDI it is inert.
 */
@ApplicationScoped
public class CallerProducer {

    /**
     * Typed to {@link Caller} alone: as a {@link java.security.Principal} it would clash with the container's
     * built-in {@code Principal} bean (CDI 4.0 §18.3.1), and every {@code @Inject Principal} would fail as ambiguous.
     */
    @Produces
    @RequestScoped
    @Typed(Caller.class)
    public Caller caller(HttpServletRequest request) {
        return callerOf(request.getAttribute(Caller.REQUEST_ATTRIBUTE));
    }

    static Caller callerOf(Object attribute) {
        return attribute instanceof Caller caller ? caller : Caller.anonymous();
    }
}
