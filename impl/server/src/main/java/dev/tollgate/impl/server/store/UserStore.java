package dev.tollgate.impl.server.store;

import dev.tollgate.impl.server.password.PasswordHasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * User accounts in the {@code users} table: the identity store behind the login page, the password grant and the
 * plain-header credentials.
 *
 * <p>Emails are unique without regard to case ({@link Emails}). Passwords are hashed by {@link PasswordHasher}; the
 * hash never leaves this class. Every method opens its own connection and, except where noted, runs one
 * statement; the database is the only state, so every node sees the same users.
 *
 * <p>Thread-safe.
 */
public final class UserStore {

    private static final Logger LOG = Logger.getLogger(UserStore.class.getName());

    /** NIST SP 800-63B and OWASP: at least 8 characters for a password chosen by a person. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private static final String COLUMNS = "id, email, email_normalized, roles, enabled, created_at, updated_at";

    private final DataSource dataSource;
    private final PasswordHasher hasher;
    private final Clock clock;

    public UserStore(DataSource dataSource, PasswordHasher hasher, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates an enabled user.
     *
     * @param roles role names without spaces; may be empty
     * @return the new user, or empty when a user with this email (in any case) already exists
     * @throws IllegalArgumentException when the email is not valid, the password is shorter than
     *                                  {@value #MIN_PASSWORD_LENGTH} or longer than
     *                                  {@value PasswordHasher#MAX_PASSWORD_LENGTH} characters, or a role is blank or
     *                                  has a space
     */
    public Optional<User> create(String email, char[] password, Set<String> roles) {
        String normalized = Emails.require(email);
        String hash = hasher.hash(checkPassword(password));
        String roleColumn = Sql.words(roles);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        User user = new User(UserId.random(), email.trim(), normalized, roles, true, now, now);
        String sql = "INSERT INTO users (id, email, email_normalized, password_hash, roles, enabled, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, user.id().value());
            insert.setString(2, user.email());
            insert.setString(3, normalized);
            insert.setString(4, hash);
            insert.setString(5, roleColumn);
            insert.setBoolean(6, true);
            Sql.setInstant(insert, 7, now);
            Sql.setInstant(insert, 8, now);
            insert.executeUpdate();
            return Optional.of(user);
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return Optional.empty();
            }
            throw new StoreException("create user", e);
        }
    }

    /** The user with this email, in any case; empty for an unknown or malformed email. */
    public Optional<User> findByEmail(String email) {
        Optional<String> normalized = Emails.normalize(email);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        return queryOne("find user", "SELECT " + COLUMNS + " FROM users WHERE email_normalized = ?",
                statement -> statement.setString(1, normalized.get()));
    }

    /**
     * The user a subject names: the {@code sub} of a token (the user's id, {@link User#subject()}) or a plain-header
     * caller's login name (the email). Emails never have the form of a UUID, so the two cannot be confused. A
     * refresh token, a consent or a code stored before the subject became the id still names its user by email.
     *
     * @return empty for anything that names no user (e.g. the client id of a client acting for itself)
     */
    public Optional<User> findBySubject(String subject) {
        Optional<UserId> id = UserId.parseCanonical(subject);
        return id.isPresent() ? find(id.get()) : findByEmail(subject);
    }

    /**
     * As {@link #findBySubject(String)}, on the caller's {@code connection}, within its transaction (the refresh
     * token grant reads the user while it holds the presented token's row lock).
     */
    public Optional<User> findBySubject(Connection connection, String subject) throws SQLException {
        Optional<UserId> id = UserId.parseCanonical(subject);
        String sql = "SELECT " + COLUMNS + " FROM users WHERE " + (id.isPresent() ? "id = ?" : "email_normalized = ?");
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (id.isPresent()) {
                select.setObject(1, id.get().value());
            } else {
                Optional<String> normalized = Emails.normalize(subject);
                if (normalized.isEmpty()) {
                    return Optional.empty();
                }
                select.setString(1, normalized.get());
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        }
    }

    public Optional<User> find(UserId id) {
        return queryOne("find user", "SELECT " + COLUMNS + " FROM users WHERE id = ?",
                statement -> statement.setObject(1, id.value()));
    }

    /**
     * Checks a password.
     *
     * <p>It costs one password hash whatever the outcome (unknown email, disabled account, wrong password), so the
     * time taken does not reveal which accounts exist. When the stored hash was made with weaker parameters than
     * the current ones, a successful check re-hashes the password.
     *
     * @return the user when the email is known, the account is enabled and the password matches; empty otherwise
     */
    public Optional<User> verifyPassword(String email, char[] password) {
        Objects.requireNonNull(password, "password");
        Optional<String> normalized = Emails.normalize(email);
        if (normalized.isEmpty()) {
            hasher.verifyAgainstNothing(password);
            return Optional.empty();
        }
        Optional<Credential> credential = queryCredential(normalized.get());
        if (credential.isEmpty()) {
            hasher.verifyAgainstNothing(password);
            return Optional.empty();
        }
        User user = credential.get().user();
        boolean matches = hasher.verify(password, credential.get().passwordHash());
        if (!matches || !user.enabled()) {
            return Optional.empty();
        }
        if (hasher.needsRehash(credential.get().passwordHash())) {
            upgradeHash(user.id(), credential.get().passwordHash(), password);
        }
        return Optional.of(user);
    }

    /** @return false when there is no such user */
    public boolean setEnabled(String email, boolean enabled) {
        return update("enable or disable user", "enabled = ?", byEmail(email),
                statement -> statement.setBoolean(1, enabled));
    }

    /** @return false when there is no such user */
    public boolean setEnabled(UserId id, boolean enabled) {
        return update("enable or disable user", "enabled = ?", byId(id), statement -> statement.setBoolean(1, enabled));
    }

    /** Disables the account: its password stops working, its data stays. @return false when there is no such user */
    public boolean disable(String email) {
        return setEnabled(email, false);
    }

    /**
     * Replaces the password.
     *
     * @return false when there is no such user
     * @throws IllegalArgumentException when the new password is too short or too long
     */
    public boolean resetPassword(String email, char[] newPassword) {
        String hash = hasher.hash(checkPassword(newPassword));
        return update("reset password", "password_hash = ?", byEmail(email), statement -> statement.setString(1, hash));
    }

    /** As {@link #resetPassword(String, char[])}, for the user with this id. */
    public boolean resetPassword(UserId id, char[] newPassword) {
        String hash = hasher.hash(checkPassword(newPassword));
        return update("reset password", "password_hash = ?", byId(id), statement -> statement.setString(1, hash));
    }

    /** Replaces the roles. @return false when there is no such user */
    public boolean setRoles(String email, Set<String> roles) {
        String roleColumn = Sql.words(roles);
        return update("set roles", "roles = ?", byEmail(email), statement -> statement.setString(1, roleColumn));
    }

    /** As {@link #setRoles(String, Set)}, for the user with this id. */
    public boolean setRoles(UserId id, Set<String> roles) {
        String roleColumn = Sql.words(roles);
        return update("set roles", "roles = ?", byId(id), statement -> statement.setString(1, roleColumn));
    }

    /** Users in order of creation. */
    public Page<User> list(PageRequest request) {
        return list(request, Optional.empty());
    }

    /**
     * Users in order of creation; with {@code emailContains}, only those whose normalized email contains it, case
     * insensitively (a plain substring: {@code %} and {@code _} match themselves).
     */
    public Page<User> list(PageRequest request, Optional<String> emailContains) {
        Optional<String> pattern = emailContains.filter(text -> !text.isEmpty())
                .map(text -> "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\")
                        .replace("%", "\\%").replace("_", "\\_") + "%");
        String where = pattern.isPresent() ? " WHERE email_normalized LIKE ? ESCAPE '\\'" : "";
        String sql = "SELECT " + COLUMNS + " FROM users" + where
                + " ORDER BY created_at, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM users" + where)) {
                if (pattern.isPresent()) {
                    count.setString(1, pattern.get());
                }
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            List<User> users = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = 1;
                if (pattern.isPresent()) {
                    select.setString(index++, pattern.get());
                }
                select.setLong(index++, request.offset());
                select.setInt(index, request.size());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        users.add(map(rows));
                    }
                }
            }
            return new Page<>(users, request.page(), request.size(), total);
        } catch (SQLException e) {
            throw new StoreException("list users", e);
        }
    }

    public long count() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM users");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("count users", e);
        }
    }

    private static char[] checkPassword(char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length < MIN_PASSWORD_LENGTH || password.length > PasswordHasher.MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password must have " + MIN_PASSWORD_LENGTH + " to "
                    + PasswordHasher.MAX_PASSWORD_LENGTH + " characters");
        }
        return password;
    }

    /** Re-hash at the current parameters, unless someone changed the password meanwhile. Best effort. */
    private void upgradeHash(UserId id, String oldHash, char[] password) {
        String sql = "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, hasher.hash(password));
            update.setObject(2, id.value());
            update.setString(3, oldHash);
            update.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not upgrade the password hash of user " + id + "; the old hash still works",
                    e);
        }
    }

    private Optional<Credential> queryCredential(String normalizedEmail) {
        String sql = "SELECT " + COLUMNS + ", password_hash FROM users WHERE email_normalized = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, normalizedEmail);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new Credential(map(rows), rows.getString("password_hash")))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("verify password", e);
        }
    }

    /**
     * {@code UPDATE users SET <assignment>, updated_at = ? WHERE <key>}: {@code value} binds the assignment's one
     * parameter. A key that cannot name a user (a malformed email) updates nothing.
     */
    private boolean update(String operation, String assignment, Optional<Key> key, Binder value) {
        if (key.isEmpty()) {
            return false;
        }
        String sql = "UPDATE users SET " + assignment + ", updated_at = ? WHERE " + key.get().column() + " = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            value.bind(update);
            Sql.setInstant(update, 2, clock.instant());
            update.setObject(3, key.get().value());
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        }
    }

    private static Optional<Key> byEmail(String email) {
        return Emails.normalize(email).map(normalized -> new Key("email_normalized", normalized));
    }

    private static Optional<Key> byId(UserId id) {
        return Optional.of(new Key("id", id.value()));
    }

    private Optional<User> queryOne(String operation, String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            binder.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException(operation, e);
        }
    }

    private static User map(ResultSet rows) throws SQLException {
        return new User(new UserId(rows.getObject("id", UUID.class)), rows.getString("email"),
                rows.getString("email_normalized"), Sql.wordSet(rows.getString("roles")), rows.getBoolean("enabled"),
                Sql.getInstant(rows, "created_at"), Sql.getInstant(rows, "updated_at"));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private record Credential(User user, String passwordHash) {
    }

    /** The column that identifies the user to update, and its value. */
    private record Key(String column, Object value) {
    }
}
