package dev.tollgate.war.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/admin/users/{id}/password}: the new password, 8 to 1024 characters. */
@Schema(description = "A new password.", requiredProperties = "password")
public record NewPassword(@Schema(minLength = 8, maxLength = 1024, writeOnly = true) String password) {

    @Override
    public String toString() {
        return "NewPassword[redacted]";
    }
}
