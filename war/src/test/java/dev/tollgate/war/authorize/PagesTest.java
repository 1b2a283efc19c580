package dev.tollgate.war.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.server.authorize.AuthorizationService.ScopeView;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Escaping, the login and consent forms, and the security headers' CSP. */
class PagesTest {

    static final String EVIL = "<script>alert('x')</script>\"&";

    @Test
    void escapeWhenMarkupThenInert() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;", Html.escape(EVIL));
        assertEquals("", Html.escape(null));
        assertEquals("plain text", Html.escape("plain text"));
    }

    @Test
    void loginWhenRenderedThenHasUsernamePasswordCsrfAndRequestId() {
        String page = Pages.login("/oauth2/login", "csrf-123", Optional.of("req-1"), Optional.of("Web"),
                Optional.empty(), "");
        assertTrue(page.contains("name=\"username\""));
        assertTrue(page.contains("name=\"password\""));
        assertTrue(page.contains("type=\"password\""));
        assertTrue(page.contains("name=\"csrf_token\" value=\"csrf-123\""));
        assertTrue(page.contains("name=\"request_id\" value=\"req-1\""));
        assertTrue(page.contains("method=\"post\""));
        assertFalse(page.contains("<script"));
    }

    @Test
    void loginWhenHostileValuesThenEscaped() {
        String page = Pages.login("/oauth2/login", "t", Optional.empty(), Optional.of(EVIL), Optional.of(EVIL),
                EVIL);
        assertFalse(page.contains("<script>"));
        assertFalse(page.contains("'x'"));
        assertTrue(page.contains("&lt;script&gt;"));
    }

    @Test
    void consentWhenHostileClientNameAndScopeThenEscapedAndScopesListedInWords() {
        String page = Pages.consent("/oauth2/consent", "t", "r", EVIL, "web", "alice@example.com",
                List.of(new ScopeView("openid", "Sign you in"), new ScopeView("x", EVIL)));
        assertFalse(page.contains("<script>"));
        assertTrue(page.contains("Sign you in"));
        assertTrue(page.contains("name=\"decision\" value=\"allow\""));
        assertTrue(page.contains("name=\"decision\" value=\"deny\""));
        assertTrue(page.contains("name=\"csrf_token\" value=\"t\""));
    }

    @Test
    void errorPageWhenHostileDescriptionThenEscaped() {
        assertFalse(Pages.error("Invalid", "invalid_request", EVIL).contains("<script>"));
    }

    @Test
    void cspWhenRedirectUriThenFormActionAllowsItsOriginOnly() {
        String csp = PageHeaders.contentSecurityPolicy(Optional.of("https://app.example.com:8443/cb?x=1"));
        assertTrue(csp.contains("form-action 'self' https://app.example.com:8443;"));
        assertTrue(csp.contains("frame-ancestors 'none'"));
        assertTrue(csp.contains("default-src 'none'"));
        assertFalse(csp.contains("script-src"));
    }

    @Test
    void cspWhenNoRedirectUriThenSelfOnly() {
        assertTrue(PageHeaders.contentSecurityPolicy(Optional.empty()).contains("form-action 'self';"));
    }

    @Test
    void sourceOfWhenCustomSchemeThenSchemeSourceAndWhenOddThenNothing() {
        assertEquals(Optional.of("com.example.app:"), PageHeaders.sourceOf("com.example.app:/callback"));
        assertEquals(Optional.of("http://127.0.0.1:5000"), PageHeaders.sourceOf("http://127.0.0.1:5000/cb"));
        assertEquals(Optional.empty(), PageHeaders.sourceOf("not a uri"));
    }

    @Test
    void wantsJsonWhenAcceptJsonOnlyThenTrue() {
        assertTrue(AuthorizeFlow.wantsJson("application/json"));
        assertFalse(AuthorizeFlow.wantsJson("text/html,application/xhtml+xml,application/json;q=0.9"));
        assertFalse(AuthorizeFlow.wantsJson(null));
        assertFalse(AuthorizeFlow.wantsJson("*/*"));
    }
}
