package dev.tollgate.war.account;

import dev.tollgate.impl.server.admin.UserConsents;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An application the user has authorized, as {@code GET /api/me/consents} lists it.
 *
 * @param clientName null when the client has been deleted since the consent
 * @param scopes     each scope set the user allowed it (space-separated, sorted), asked for and remembered apart
 * @param grantedAt  epoch seconds of the latest consent
 */
@JsonbPropertyOrder({"client_id", "client_name", "scopes", "granted_at"})
public record AuthorizedApplicationView(
        @JsonbProperty("client_id") String clientId,
        @JsonbProperty("client_name") @Schema(nullable = true) String clientName,
        List<String> scopes,
        @JsonbProperty("granted_at") long grantedAt) {

    static AuthorizedApplicationView of(UserConsents.AuthorizedApplication application) {
        return new AuthorizedApplicationView(application.clientId().value(), application.clientName().orElse(null),
                application.scopes(), application.grantedAt().getEpochSecond());
    }

    /** The body of the listing. */
    public record Page(List<AuthorizedApplicationView> items) {
    }
}
