package dev.tollgate.api.client;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects the outbound client configured under {@code tollgate.client.<value>.*}.
 *
 * <pre>{@code
 * @Inject @OAuth2Client("ryvn") TokenClient ryvn;
 * @Inject @OAuth2Client("ryvn") jakarta.ws.rs.client.Client ryvnApi;
 * }</pre>
 *
 * <p>On a MicroProfile Rest Client interface, next to {@code @RegisterRestClient}, it names the client whose token
 * goes on every call.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface OAuth2Client {
    /** The client's name: the {@code <name>} in {@code tollgate.client.<name>.*}. */
    @Nonbinding
    String value();
}
