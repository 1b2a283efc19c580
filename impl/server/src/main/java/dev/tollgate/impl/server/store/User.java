package dev.tollgate.impl.server.store;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A user account, without its password hash (which never leaves {@link UserStore}).
 *
 * @param email      the address as entered, for display
 * @param subject    the normalized (lower-case) address: the login key and the subject of the user's tokens
 */
public record User(UserId id, String email, String subject, Set<String> roles, boolean enabled, Instant createdAt,
                   Instant updatedAt) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(subject, "subject");
        roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
