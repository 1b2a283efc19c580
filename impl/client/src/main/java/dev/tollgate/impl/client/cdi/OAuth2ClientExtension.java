package dev.tollgate.impl.client.cdi;

import dev.tollgate.api.client.OAuth2Client;
import dev.tollgate.impl.client.ClientConfig;
import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.annotation.Annotation;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates, at deployment, the configuration of every client named by an {@code @OAuth2Client} injection point
 * (or a discovered type annotated with it): a wrong or missing key fails the deployment with a
 * {@link ConfigurationException} naming the key, instead of failing the first call.
 */
public class OAuth2ClientExtension implements Extension {

    private final Set<String> names = new TreeSet<>();
    private final Set<String> blank = new TreeSet<>();

    void injectionPoint(@Observes ProcessInjectionPoint<?, ?> event) {
        for (Annotation qualifier : event.getInjectionPoint().getQualifiers()) {
            if (qualifier instanceof OAuth2Client client) {
                add(client.value(), String.valueOf(event.getInjectionPoint()));
            }
        }
    }

    void annotatedType(@Observes @WithAnnotations(OAuth2Client.class) ProcessAnnotatedType<?> event) {
        OAuth2Client client = event.getAnnotatedType().getAnnotation(OAuth2Client.class);
        if (client != null) {
            add(client.value(), event.getAnnotatedType().getJavaClass().getName());
        }
    }

    void validate(@Observes AfterDeploymentValidation event) {
        for (String where : blank) {
            event.addDeploymentProblem(new IllegalArgumentException("@OAuth2Client needs a client name: " + where));
        }
        ConfigSource source = ConfigSource.standard(key -> Optional.empty());
        for (String name : names) {
            try {
                ClientConfig.read(name, source);
            } catch (ConfigurationException e) {
                event.addDeploymentProblem(e);
            }
        }
    }

    /** The client names found, for tests. */
    Set<String> names() {
        return Set.copyOf(names);
    }

    private synchronized void add(String name, String where) {
        if (name.isBlank()) {
            blank.add(where);
        } else {
            names.add(name);
        }
    }
}
