package dev.tollgate.it.authorize;

import static dev.tollgate.it.authorize.Browser.hidden;
import static dev.tollgate.it.authorize.Browser.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.support.RawHttp;
import dev.tollgate.it.support.ServerRestart;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: a login and a pending authorization request made before the server restarts go on after it, as they
 * would on another node: nothing of the flow was in the node's memory. Runs in the restart execution (see
 * liberty/pom.xml), after the rest of the suite.
 */
class AuthorizeFlowRestartIT {

    @Test
    void flowWhenServerRestartsBetweenLoginAndConsentThenItGoesOn() throws Exception {
        FlowOnAnyNodeIT.User user = FlowOnAnyNodeIT.newUser();
        StatelessBrowser browser = new StatelessBrowser();
        RawHttp.Answer consent = FlowOnAnyNodeIT.consentPage(browser, user, "scope", "openid profile email",
                "state", "restart");
        StatelessBrowser notYetLoggedIn = new StatelessBrowser();
        // another scope set than the first's, which its allow remembers below
        RawHttp.Answer loginPage = FlowOnAnyNodeIT.startAt(notYetLoggedIn, "scope", "openid email");

        ServerRestart.restart();

        RawHttp.Answer again = browser.get("/oauth2/consent?request_id=" + hidden(consent.body(), "request_id"));
        assertEquals(200, again.status(), "still logged in, the request still pending: " + again.body());
        RawHttp.Answer allowed = FlowOnAnyNodeIT.decide(browser, consent, "allow");
        assertEquals(303, allowed.status(), allowed.body());
        assertEquals("restart", query(allowed.header("Location")).get("state"));
        assertNotNull(query(allowed.header("Location")).get("code"));

        RawHttp.Answer afterLogin = FlowOnAnyNodeIT.logIn(notYetLoggedIn, loginPage, user);
        assertEquals(303, afterLogin.status(), "the login form shown before the restart still works");
        assertTrue(afterLogin.header("Location").contains("/oauth2/consent?request_id="),
                afterLogin.header("Location"));
    }
}
