package dev.tollgate.war.admin;

/**
 * The body of {@code POST /api/service-clients}.
 *
 * @param name  1 to 255 characters
 * @param scope space-separated; each one of {@code tollgate.registration.service-scopes}; absent: all of them
 */
public record NewServiceClient(String name, String scope) {
}
