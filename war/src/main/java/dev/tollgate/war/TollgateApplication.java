package dev.tollgate.war;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application of the authorization server: every resource under the context root. */
@ApplicationPath("/")
public class TollgateApplication extends Application {
}
