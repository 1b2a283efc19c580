package dev.tollgate.impl.server.admin;

import dev.tollgate.api.Caller;
import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.impl.server.audit.AuditEventType;
import dev.tollgate.impl.server.audit.AuditTrail;
import dev.tollgate.impl.server.bootstrap.BootstrapAdmin;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.store.Emails;
import dev.tollgate.impl.server.store.Page;
import dev.tollgate.impl.server.store.PageRequest;
import dev.tollgate.impl.server.store.RefreshTokenStore;
import dev.tollgate.impl.server.store.User;
import dev.tollgate.impl.server.store.UserId;
import dev.tollgate.impl.server.store.UserStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The admin API's operations on user accounts ({@code /api/admin/users}): create, list, read, disable, enable,
 * reset a password and replace the roles. The resource checks the {@code admin} role; this class validates input and keeps the rules.
 *
 * <p>Errors are {@link ProblemException}s: {@code validation} (400, with an {@code errors} map naming each bad field),
 * {@code conflict} (409: the email is taken, or an admin tries to disable their own account) and {@code not-found}
 * (404: no user with that id).
 *
 * <p><b>Ending access.</b> Disabling an account or resetting its password revokes the user's refresh tokens at once.
 * Its access tokens and cached plain-header credentials are refused by the gate within
 * {@code tollgate.server.revocation-cache} on every node ({@link AccountRevocationChecker}); on the node that made
 * the change at once, through {@code accountChanged}.
 */
public final class UserAdministration {

    /** Role names: tokens without spaces (they live in a space-separated column and in the {@code roles} claim). */
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    static final int MAX_ROLES = 32;
    /** The longest email search: an email address is at most 320 characters (RFC 5321 §4.5.3.1). */
    static final int MAX_EMAIL_SEARCH = 320;

    private final UserStore users;
    private final RefreshTokenStore refreshTokens;
    private final Consumer<String> accountChanged;
    private final AuditTrail audit;

    /**
     * @param accountChanged told the subject of an account that was disabled, enabled or given a new password, so
     *                       that cached verdicts about it are dropped on this node
     */
    public UserAdministration(UserStore users, RefreshTokenStore refreshTokens, Consumer<String> accountChanged) {
        this(users, refreshTokens, accountChanged, AuditTrail.off());
    }

    /** @param audit records each change ({@code user.*} events) */
    public UserAdministration(UserStore users, RefreshTokenStore refreshTokens, Consumer<String> accountChanged,
                              AuditTrail audit) {
        this.users = Objects.requireNonNull(users, "users");
        this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
        this.accountChanged = Objects.requireNonNull(accountChanged, "accountChanged");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * Creates an enabled user.
     *
     * @param roles may be null (no roles)
     */
    public User create(String email, String password, List<String> roles) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (Emails.normalize(email).isEmpty()) {
            errors.put("email", List.of("must be an email address of at most " + Emails.MAX_LENGTH + " characters"));
        }
        passwordErrors(password).ifPresent(message -> errors.put("password", List.of(message)));
        Set<String> roleSet = roles(roles, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The user is not valid.", errors);
        }
        char[] secret = password.toCharArray();
        try {
            User created = users.create(email, secret, roleSet).orElseThrow(() -> new ProblemException(
                    ProblemType.CONFLICT, "A user with this email already exists."));
            audit.success(AuditEventType.USER_CREATED).subject(created.subject())
                    .detail("roles", created.roles().stream().sorted().toList()).record();
            return created;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * Replaces the user's roles. They reach new tokens at once and plain headers within the gate's
     * {@code plain-headers.cache-ttl}; tokens already issued keep the roles they were issued with until they expire.
     *
     * @param admin who asks: an admin may not take the {@code admin} role from their own account
     */
    public User setRoles(String id, List<String> roles, Caller admin) {
        User user = find(id);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (roles == null) {
            errors.put("roles", List.of("is required (an empty list removes every role)"));
        }
        Set<String> roleSet = roles(roles, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The roles are not valid.", errors);
        }
        if (isSelf(user, admin) && user.hasRole(BootstrapAdmin.ADMIN_ROLE)
                && !roleSet.contains(BootstrapAdmin.ADMIN_ROLE)) {
            throw new ProblemException(ProblemType.CONFLICT, "An admin cannot take the admin role from themselves.");
        }
        if (!users.setRoles(user.id(), roleSet)) {
            throw notFound();
        }
        accountChanged(user);
        audit.success(AuditEventType.USER_ROLES_CHANGED).subject(user.subject())
                .detail("roles", roleSet.stream().sorted().toList()).record();
        return users.find(user.id()).orElseThrow(UserAdministration::notFound);
    }

    public Page<User> list(PageRequest request) {
        return users.list(request);
    }

    /**
     * Users whose email contains {@code email} (case-insensitive; blank or null: every user). Longer than an email
     * can be, or holding a control character: a {@code validation} problem naming {@code email}.
     */
    public Page<User> list(PageRequest request, String email) {
        if (email != null && (email.length() > MAX_EMAIL_SEARCH
                || email.chars().anyMatch(Character::isISOControl))) {
            throw new ProblemException(ProblemType.VALIDATION, "The search is not valid.", Map.of("email",
                    List.of("must be at most " + MAX_EMAIL_SEARCH + " characters, without control characters")));
        }
        return users.list(request, Optional.ofNullable(email).map(String::strip));
    }

    /** @param id the id from the request path; anything but a known user's id is 404 */
    public User find(String id) {
        return UserId.parseCanonical(id).flatMap(users::find).orElseThrow(UserAdministration::notFound);
    }

    /**
     * Disables the account: its password, plain headers, tokens and refresh tokens stop working; its data and its
     * clients' rows stay. Idempotent.
     *
     * @param admin who asks: an admin may not disable their own account (and so lock everyone out)
     */
    public User disable(String id, Caller admin) {
        User user = find(id);
        if (isSelf(user, admin)) {
            throw new ProblemException(ProblemType.CONFLICT, "An admin cannot disable their own account.");
        }
        return setEnabled(user, false);
    }

    /** Enables the account again. Refresh tokens revoked by the disabling stay revoked. Idempotent. */
    public User enable(String id) {
        return setEnabled(find(id), true);
    }

    /** Replaces the password and revokes the user's refresh tokens. */
    public void resetPassword(String id, String password) {
        User user = find(id);
        passwordErrors(password).ifPresent(message -> {
            throw new ProblemException(ProblemType.VALIDATION, "The password is not valid.",
                    Map.of("password", List.of(message)));
        });
        char[] secret = password.toCharArray();
        try {
            if (!users.resetPassword(user.id(), secret)) {
                throw notFound();
            }
        } finally {
            Arrays.fill(secret, '\0');
        }
        refreshTokens.revokeAllOfSubject(user.subject());
        accountChanged(user);
        audit.success(AuditEventType.USER_PASSWORD_RESET).subject(user.subject()).record();
    }

    private User setEnabled(User user, boolean enabled) {
        if (!users.setEnabled(user.id(), enabled)) {
            throw notFound();
        }
        if (!enabled) {
            refreshTokens.revokeAllOfSubject(user.subject());
        }
        accountChanged(user);
        audit.success(enabled ? AuditEventType.USER_ENABLED : AuditEventType.USER_DISABLED).subject(user.subject())
                .record();
        return users.find(user.id()).orElseThrow(UserAdministration::notFound);
    }

    /**
     * Whether {@code caller} is {@code user}: a Bearer token names the user by the opaque subject, plain headers by
     * the login name (the email).
     */
    private static boolean isSelf(User user, Caller caller) {
        return caller.subject().equals(user.subject()) || caller.subject().equals(user.loginName());
    }

    /** Tells the gate's checker under both names the gate may know the user by (token subject, login name). */
    private void accountChanged(User user) {
        accountChanged.accept(user.subject());
        accountChanged.accept(user.loginName());
    }

    /** The valid role names of {@code roles} (null: none); what is wrong with them goes into {@code errors}. */
    private static Set<String> roles(List<String> roles, Map<String, List<String>> errors) {
        Set<String> roleSet = new LinkedHashSet<>();
        if (roles == null) {
            return roleSet;
        }
        List<String> roleErrors = new ArrayList<>();
        if (roles.size() > MAX_ROLES) {
            roleErrors.add("must have at most " + MAX_ROLES + " roles");
        }
        for (String role : roles) {
            if (role == null || !ROLE.matcher(role).matches()) {
                roleErrors.add("each role must be 1 to 64 letters, digits or . _ : -");
                break;
            }
            roleSet.add(role);
        }
        if (!roleErrors.isEmpty()) {
            errors.put("roles", roleErrors);
        }
        return roleSet;
    }

    private static Optional<String> passwordErrors(String password) {
        if (password == null || password.length() < UserStore.MIN_PASSWORD_LENGTH
                || password.length() > PasswordHasher.MAX_PASSWORD_LENGTH) {
            return Optional.of("must have " + UserStore.MIN_PASSWORD_LENGTH + " to "
                    + PasswordHasher.MAX_PASSWORD_LENGTH + " characters");
        }
        return Optional.empty();
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "There is no user with this id.");
    }
}
