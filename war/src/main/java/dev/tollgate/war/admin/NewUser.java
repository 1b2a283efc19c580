package dev.tollgate.war.admin;

import java.util.List;

/**
 * The body of {@code POST /api/admin/users}.
 *
 * @param password 8 to 1024 characters
 * @param roles    may be absent (no roles); each 1 to 64 letters, digits or {@code . _ : -}
 */
public record NewUser(String email, String password, List<String> roles) {

    @Override
    public String toString() {
        return "NewUser[email=" + email + ", roles=" + roles + "]";
    }
}
