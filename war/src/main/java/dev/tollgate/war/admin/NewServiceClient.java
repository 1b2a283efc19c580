package dev.tollgate.war.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/service-clients}.
 *
 * @param name  1 to 255 characters
 * @param scope space-separated; each one of {@code tollgate.registration.service-scopes}; absent: all of them
 */
@Schema(description = "A new service client.", requiredProperties = "name")
public record NewServiceClient(@Schema(minLength = 1, maxLength = 255) String name,
                               @Schema(description = "Space-separated; each from"
                                       + " `tollgate.registration.service-scopes`. Absent: all of them.")
                               String scope) {
}
