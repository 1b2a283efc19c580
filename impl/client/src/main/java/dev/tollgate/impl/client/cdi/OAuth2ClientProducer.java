package dev.tollgate.impl.client.cdi;

import dev.tollgate.api.client.OAuth2Client;
import dev.tollgate.api.client.TokenClient;
import dev.tollgate.impl.client.AuthorizationCodeFlow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;

/**
 * {@code @Inject @OAuth2Client("ryvn") TokenClient} and {@code @Inject @OAuth2Client("snyk") AuthorizationCodeFlow}.
 * The qualifier's value is {@code @Nonbinding}, so one producer serves every name; it reads the name from the
 * injection point and hands out the registry's one instance for that name.
 */
@ApplicationScoped
public class OAuth2ClientProducer {

    @Inject
    TokenClientRegistry registry;

    @Produces
    @OAuth2Client("")
    TokenClient tokenClient(InjectionPoint injectionPoint) {
        return registry.tokenClient(name(injectionPoint));
    }

    @Produces
    @OAuth2Client("")
    AuthorizationCodeFlow authorizationCodeFlow(InjectionPoint injectionPoint) {
        return registry.authorizationCodeFlow(name(injectionPoint));
    }

    /** The client name of an {@code @OAuth2Client} injection point; for the producers of other integrations too. */
    public static String name(InjectionPoint injectionPoint) {
        for (Annotation qualifier : injectionPoint.getQualifiers()) {
            if (qualifier instanceof OAuth2Client client) {
                if (client.value().isBlank()) {
                    throw new IllegalArgumentException("@OAuth2Client needs a client name at " + injectionPoint);
                }
                return client.value();
            }
        }
        throw new IllegalArgumentException("no @OAuth2Client qualifier at " + injectionPoint);
    }
}
