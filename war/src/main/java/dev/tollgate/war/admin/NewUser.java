package dev.tollgate.war.admin;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/admin/users}.
 *
 * @param password 8 to 1024 characters
 * @param roles    may be absent (no roles); each 1 to 64 letters, digits or {@code . _ : -}
 */
@Schema(description = "A new user account.", requiredProperties = {"email", "password"})
public record NewUser(@Schema(description = "The login name, unique in any case.", format = "email") String email,
                      @Schema(description = "8 to 1024 characters.", minLength = 8, maxLength = 1024,
                              writeOnly = true) String password,
                      @Schema(description = "Role names: letters, digits and `. _ : -`; at most 32.")
                      List<String> roles) {

    @Override
    public String toString() {
        return "NewUser[email=" + email + ", roles=" + roles + "]";
    }
}
