package dev.tollgate.it.foreign.support;

import java.nio.file.Path;
import java.util.Map;

/**
 * A WAR and the gate keys that the container's own configuration gives it (Tomcat {@code <Parameter>}, Jetty
 * context init-params, Liberty {@code appProperties}): nothing in the WAR changes.
 */
public record Deployment(Path war, Map<String, String> parameters) {

    public Deployment {
        parameters = Map.copyOf(parameters);
    }
}
