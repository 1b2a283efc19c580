package dev.tollgate.war.admin;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code PUT /api/admin/users/{id}/roles}: every role the user has from now on. */
@Schema(description = "The user's roles from now on; an empty list removes every role.",
        requiredProperties = "roles")
public record NewRoles(@Schema(description = "Role names: letters, digits and `. _ : -`; at most 32.")
                       List<String> roles) {
}
