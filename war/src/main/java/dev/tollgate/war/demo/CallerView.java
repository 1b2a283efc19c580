package dev.tollgate.war.demo;

import dev.tollgate.api.Caller;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /api/me}. {@code client_id} and {@code expires_at} are {@code null} when the credential has
 * none (plain headers), rather than missing, so the shape does not change with the credential.
 *
 * <p>{@code @JsonbNillable} sits on the components: Yasson ignores it on a record type.
 */
public record CallerView(
        String subject,
        @JsonbProperty("client_id") @JsonbNillable String clientId,
        List<String> scopes,
        List<String> roles,
        @JsonbProperty("credential_kind") String credentialKind,
        @JsonbProperty("expires_at") @JsonbNillable Instant expiresAt) {

    static CallerView of(Caller caller) {
        return new CallerView(caller.subject(), caller.clientId().orElse(null),
                caller.scopes().stream().sorted().toList(), caller.roles().stream().sorted().toList(),
                caller.credentialKind().name(), caller.expiresAt().orElse(null));
    }
}
