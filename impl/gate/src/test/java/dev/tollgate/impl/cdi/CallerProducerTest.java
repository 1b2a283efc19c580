package dev.tollgate.impl.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Produces;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The producer in a real CDI container (Weld SE), with stand-ins for what a Jakarta EE container provides. */
class CallerProducerTest {

    /** The request attribute the gate would have set; read through the stand-in servlet request. */
    static final AtomicReference<Object> ATTRIBUTE = new AtomicReference<>();

    /** Stand-ins for the EE container's built-in beans: the current HttpServletRequest and Principal. */
    public static class ContainerBeans {
        @Produces
        HttpServletRequest request() {
            return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getAttribute") && Caller.REQUEST_ATTRIBUTE.equals(args[0])) {
                            return ATTRIBUTE.get();
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        @Produces
        Principal principal() {
            return () -> "container-principal";
        }
    }

    private WeldContainer container;
    private RequestContextController requestContext;

    @BeforeEach
    void start() {
        ATTRIBUTE.set(null);
        container = new Weld().disableDiscovery()
                .addBeanClasses(CallerProducer.class, ContainerBeans.class)
                .initialize();
        requestContext = container.select(RequestContextController.class).get();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void injectedCallerIsTheOneTheGateLeftOnTheRequest() {
        Caller alice = Caller.of("alice@example.com", "demo", Set.of("items:read"), Set.of("admin"),
                CredentialKind.JWT, Instant.parse("2030-01-01T00:00:00Z"));
        ATTRIBUTE.set(alice);
        requestContext.activate();
        try {
            Caller caller = container.select(Caller.class).get();

            assertNotSame(alice, caller, "a request-scoped client proxy");
            assertEquals("alice@example.com", caller.subject());
            assertEquals(Set.of("admin"), caller.roles());
            assertTrue(caller.hasScope("items:read"));
        } finally {
            requestContext.deactivate();
        }
    }

    @Test
    void requestWithoutCallerGetsTheAnonymousCaller() {
        requestContext.activate();
        try {
            assertTrue(container.select(Caller.class).get().isAnonymous());
        } finally {
            requestContext.deactivate();
        }
    }

    @Test
    void eachRequestReadsItsOwnCaller() {
        Caller caller = container.select(Caller.class).get();
        ATTRIBUTE.set(Caller.of("first", null, Set.of(), Set.of(), CredentialKind.PLAIN_HEADERS, null));
        requestContext.activate();
        assertEquals("first", caller.subject());
        requestContext.deactivate();

        ATTRIBUTE.set(Caller.of("second", null, Set.of(), Set.of(), CredentialKind.PLAIN_HEADERS, null));
        requestContext.activate();
        assertEquals("second", caller.subject());
        requestContext.deactivate();
    }

    @Test
    void callerOutsideARequestFailsLoudly() {
        Caller caller = container.select(Caller.class).get();

        assertThrows(ContextNotActiveException.class, caller::subject);
    }

    @Test
    void callerDoesNotCompeteWithTheContainersPrincipal() {
        assertEquals("container-principal", container.select(Principal.class).get().getName());
    }
}
