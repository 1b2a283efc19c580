package dev.tollgate.war.authorize;

import dev.tollgate.impl.server.authorize.AuthorizationService.ScopeView;
import java.util.List;
import java.util.Optional;

/**
 * The server-rendered HTML of the login, consent and error pages. Every value from outside goes through
 * {@link Html#escape}. No script; inline style only (allowed by the pages' CSP).
 */
public final class Pages {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;"
            + "padding:0 1rem;color:#222}h1{font-size:1.4rem}label{display:block;margin:.8rem 0 .2rem}"
            + "input[type=text],input[type=password],input[type=email]{width:100%;padding:.5rem;box-sizing:border-box}"
            + "button{margin:1rem .5rem 0 0;padding:.5rem 1.2rem}.error{color:#a00}ul{padding-left:1.2rem}"
            + "code{background:#eee;padding:0 .2rem}";

    private Pages() {
    }

    /**
     * The login form: inputs named exactly {@code username} and {@code password}, the CSRF token, and the id of the
     * pending authorization request (its sealed handle: the request travels with the browser).
     */
    public static String login(String action, String csrfToken, Optional<String> requestId,
                               Optional<String> clientName, Optional<String> error, String username) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Sign in</h1>");
        clientName.ifPresent(name -> body.append("<p>to continue to <strong>").append(Html.escape(name))
                .append("</strong></p>"));
        error.ifPresent(message -> body.append("<p class=\"error\" role=\"alert\" id=\"error\">")
                .append(Html.escape(message)).append("</p>"));
        body.append("<form method=\"post\" action=\"").append(Html.escape(action)).append("\">")
                .append(hidden("csrf_token", csrfToken));
        requestId.ifPresent(id -> body.append(hidden("request_id", id)));
        body.append("<label for=\"username\">Email</label>")
                .append("<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" required"
                        + " autofocus value=\"").append(Html.escape(username)).append("\">")
                .append("<label for=\"password\">Password</label>")
                .append("<input type=\"password\" id=\"password\" name=\"password\""
                        + " autocomplete=\"current-password\" required>")
                .append("<button type=\"submit\" id=\"sign-in\">Sign in</button></form>");
        return document("Sign in", body.toString());
    }

    /** The consent page: who asks, for what (in words), Allow and Deny. */
    public static String consent(String action, String csrfToken, String requestId, String clientName,
                                 String clientId, String subject, List<ScopeView> scopes) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Allow access?</h1><p><strong id=\"client-name\">").append(Html.escape(clientName))
                .append("</strong> (<code>").append(Html.escape(clientId)).append("</code>) asks to:</p>");
        if (scopes.isEmpty()) {
            body.append("<p>Know that you are signed in, with no further access.</p>");
        } else {
            body.append("<ul id=\"scopes\">");
            for (ScopeView scope : scopes) {
                body.append("<li>").append(Html.escape(scope.description())).append(" <small>(<code>")
                        .append(Html.escape(scope.scope())).append("</code>)</small></li>");
            }
            body.append("</ul>");
        }
        body.append("<p>Signed in as ").append(Html.escape(subject)).append(".</p>")
                .append("<form method=\"post\" action=\"").append(Html.escape(action)).append("\">")
                .append(hidden("csrf_token", csrfToken)).append(hidden("request_id", requestId))
                .append("<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Allow</button>")
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button>")
                .append("</form>");
        return document("Allow access?", body.toString());
    }

    /** An error shown to the user (never a redirect): the OAuth error code and its description. */
    public static String error(String title, String errorCode, String description) {
        return document(title, "<h1>" + Html.escape(title) + "</h1><p class=\"error\">"
                + Html.escape(description) + "</p><p>Error: <code id=\"error-code\">" + Html.escape(errorCode)
                + "</code></p>");
    }

    /** A plain message page. */
    public static String message(String title, String text) {
        return document(title, "<h1>" + Html.escape(title) + "</h1><p>" + Html.escape(text) + "</p>");
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + Html.escape(name) + "\" value=\"" + Html.escape(value) + "\">";
    }

    private static String document(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>" + Html.escape(title)
                + " · Tollgate</title><style>" + STYLE + "</style></head><body>" + body + "</body></html>";
    }
}
