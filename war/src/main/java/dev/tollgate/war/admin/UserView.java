package dev.tollgate.war.admin;

import dev.tollgate.impl.server.store.User;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * A user as the admin API shows it: never the password hash.
 *
 * @param email     as entered; the login name (case-insensitive) and, lower-cased, the subject of the user's tokens
 * @param createdAt epoch seconds; likewise {@code updatedAt}
 */
@JsonbPropertyOrder({"id", "email", "roles", "enabled", "created_at", "updated_at"})
public record UserView(String id, String email, List<String> roles, boolean enabled,
                       @JsonbProperty("created_at") long createdAt, @JsonbProperty("updated_at") long updatedAt) {

    static UserView of(User user) {
        return new UserView(user.id().toString(), user.email(), user.roles().stream().sorted().toList(),
                user.enabled(), user.createdAt().getEpochSecond(), user.updatedAt().getEpochSecond());
    }
}
