package dev.tollgate.it.foreign.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the foreign-container and foreign-issuer tests need from the machine (a JDK 21+, Node.js, the unpacked
 * distributions). Locally a missing piece skips the tests with the reason; under {@code CI=true} it fails them, so
 * that CI can never pass by testing nothing.
 */
public final class Required {

    private Required() {
    }

    /** Fails (CI) or skips (elsewhere) unless {@code present}. */
    public static void piece(boolean present, String what) {
        if (present) {
            return;
        }
        String message = "missing for the foreign-container tests: " + what;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: a missing piece fails, it never skips)");
        }
        Assumptions.abort(message);
    }

    /** A system property that failsafe sets (liberty/pom.xml); fails when absent. */
    public static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run these tests through Maven (failsafe, liberty/pom.xml)");
        }
        return value;
    }

    /** The port at {@code offset} above {@code it.foreign.port-base} (default 18700). */
    public static int port(int offset) {
        return Integer.parseInt(System.getProperty("it.foreign.port-base", "18700")) + offset;
    }
}
