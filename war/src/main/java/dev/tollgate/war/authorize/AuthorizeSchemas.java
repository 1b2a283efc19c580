package dev.tollgate.war.authorize;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Documentation only: the JSON shapes of the authorization code flow for single-page clients (the Rapidly seed),
 * which {@link AuthorizeFlow} builds as maps. Referenced from the resources' OpenAPI annotations; never instantiated.
 */
final class AuthorizeSchemas {

    private AuthorizeSchemas() {
    }

    @Schema(name = "ConsentMetadata", requiredProperties = {"client", "scopes", "consent_required"}, description = """
            What the user is asked to allow. With `consent_required`, POST `request_id` and `csrf_token` with a \
            `decision` to `/oauth2/consent`; without, follow `redirect_to`.""")
    record ConsentMetadata(
            ConsentClient client,
            List<ScopeDescription> scopes,
            @JsonbProperty("consent_required") boolean consentRequired,
            @JsonbProperty("request_id") @Schema(description = "When consent is required.") String requestId,
            @JsonbProperty("csrf_token") @Schema(description = "When consent is required.") String csrfToken,
            @JsonbProperty("redirect_to") @Schema(format = "uri",
                    description = "When no consent is required: the client's redirect URI with `code`, `state`, `iss`.")
            String redirectTo) {
    }

    @Schema(name = "ConsentClient", requiredProperties = {"client_id", "name"})
    record ConsentClient(@JsonbProperty("client_id") String clientId, String name) {
    }

    @Schema(name = "ScopeDescription", requiredProperties = {"scope", "description"})
    record ScopeDescription(String scope, @Schema(description = "The words on the consent page.") String description) {
    }

    @Schema(name = "ConsentDecision", requiredProperties = {"request_id", "csrf_token", "decision"},
            description = "The user's decision, as a form or as JSON.")
    record ConsentDecision(
            @JsonbProperty("request_id") String requestId,
            @JsonbProperty("csrf_token") String csrfToken,
            @Schema(enumeration = {"allow", "deny"}) String decision) {
    }

    @Schema(name = "LoginForm", requiredProperties = {"username", "password", "csrf_token"})
    record LoginForm(
            @Schema(description = "The user's email.") String username,
            @Schema(format = "password") String password,
            @JsonbProperty("csrf_token") String csrfToken,
            @JsonbProperty("request_id") @Schema(description = "The pending authorization request, if any.")
            String requestId) {
    }

    @Schema(name = "RedirectTo", requiredProperties = "redirect_to",
            description = "Where the browser goes next: the client's redirect URI with the code or the error.")
    record RedirectTo(@JsonbProperty("redirect_to") @Schema(format = "uri") String redirectTo) {
    }
}
