package dev.tollgate.impl.server.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A user account, without its password hash (which never leaves {@link UserStore}).
 *
 * @param id         the stable, opaque id: the subject of the user's tokens ({@link #subject()})
 * @param email      the address as entered, for display
 * @param loginName  the normalized (lower-case) address: the login key, and the subject of plain-header callers
 */
public record User(UserId id, String email, String loginName, Set<String> roles, boolean enabled, Instant createdAt,
                   Instant updatedAt) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(loginName, "loginName");
        roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * The {@code sub} of the user's tokens: the id, locally unique and never reassigned (OpenID Connect Core 1.0 §2,
     * §8), so it stays when the email changes and tells a resource server nothing about the person.
     */
    public String subject() {
        return id.toString();
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
