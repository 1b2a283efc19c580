package dev.tollgate.it.dropin.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * A plain JAX-RS application that was never written for Tollgate: it depends on nothing of ours and only uses the
 * standard SecurityContext. The drop-in test deploys it with the gate bundle in WEB-INF/lib and nothing else.
 */
@ApplicationPath("/")
public class PlainApplication extends Application {
}
