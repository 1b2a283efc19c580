package dev.tollgate.it.client.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** An application that calls the demo API of the authorization server through Tollgate's token client. */
@ApplicationPath("/")
public class CallerApplication extends Application {
}
