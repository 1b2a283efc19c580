package dev.tollgate.impl.server.bootstrap;

import dev.tollgate.impl.config.ConfigSource;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import dev.tollgate.impl.server.password.PasswordHasher;
import dev.tollgate.impl.server.store.Emails;
import dev.tollgate.impl.server.store.UserStore;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Creates the first administrator at start-up, so that a fresh server has someone who can log in.
 *
 * <p>Configuration: {@value #EMAIL_KEY} and {@value #PASSWORD_KEY} (MicroProfile Config, so also the environment
 * variables {@code TOLLGATE_BOOTSTRAP_ADMIN_EMAIL} / {@code _PASSWORD}), or the shorter environment variables
 * {@value #EMAIL_ENV} and {@value #PASSWORD_ENV} (see {@link #shortEnvironmentNames}). The user is created with
 * the role {@code admin} only when no user has that email; an existing user is left exactly as it is (its password
 * is not reset), so the settings can stay in place across restarts. Without them, the server starts without
 * users and says how to create one. The password is never logged.
 */
public final class BootstrapAdmin {

    public static final String EMAIL_KEY = "tollgate.bootstrap.admin.email";
    public static final String PASSWORD_KEY = "tollgate.bootstrap.admin.password";
    public static final String EMAIL_ENV = "TOLLGATE_ADMIN_EMAIL";
    public static final String PASSWORD_ENV = "TOLLGATE_ADMIN_PASSWORD";
    public static final String ADMIN_ROLE = "admin";

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class.getName());

    /** What {@link #run} did. */
    public enum Outcome {
        CREATED,
        ALREADY_EXISTS,
        NOT_CONFIGURED
    }

    private BootstrapAdmin() {
    }

    /**
     * A source that answers {@value #EMAIL_KEY} and {@value #PASSWORD_KEY} from {@value #EMAIL_ENV} and
     * {@value #PASSWORD_ENV}. Chain it after the standard source: the full keys win.
     *
     * @param environment e.g. {@code System::getenv}
     */
    public static ConfigSource shortEnvironmentNames(Function<String, String> environment) {
        Map<String, String> aliases = Map.of(EMAIL_KEY, EMAIL_ENV, PASSWORD_KEY, PASSWORD_ENV);
        return key -> Optional.ofNullable(aliases.get(key)).map(environment).filter(v -> !v.isBlank())
                .map(String::trim);
    }

    /**
     * Creates the admin if configured and absent.
     *
     * @throws ConfigurationException when only one of email and password is set, the email is invalid or the
     *                                password too short; the message names the key and never holds the password
     */
    public static Outcome run(ConfigSource config, UserStore users) {
        Settings settings = new Settings(config, "");
        Optional<String> email = settings.string(EMAIL_KEY);
        Optional<char[]> password = settings.secret(PASSWORD_KEY);
        try {
            if (email.isEmpty() && password.isEmpty()) {
                if (users.count() == 0) {
                    LOG.warning("The server starts without users. To create the first administrator, set "
                            + EMAIL_ENV + " and " + PASSWORD_ENV + " (or " + EMAIL_KEY + " and " + PASSWORD_KEY
                            + ") and restart; it is created once, with the role " + ADMIN_ROLE + ".");
                }
                return Outcome.NOT_CONFIGURED;
            }
            if (email.isEmpty()) {
                throw new ConfigurationException(EMAIL_KEY, "is required when " + PASSWORD_KEY
                        + " is set (or set " + EMAIL_ENV + ")");
            }
            if (password.isEmpty()) {
                throw new ConfigurationException(PASSWORD_KEY, "is required when " + EMAIL_KEY
                        + " is set (or set " + PASSWORD_ENV + ")");
            }
            if (Emails.normalize(email.get()).isEmpty()) {
                throw new ConfigurationException(EMAIL_KEY, "must be an email address, was '" + email.get() + "'");
            }
            if (password.get().length < UserStore.MIN_PASSWORD_LENGTH
                    || password.get().length > PasswordHasher.MAX_PASSWORD_LENGTH) {
                throw new ConfigurationException(PASSWORD_KEY, "must have " + UserStore.MIN_PASSWORD_LENGTH + " to "
                        + PasswordHasher.MAX_PASSWORD_LENGTH + " characters");
            }
            if (users.findByEmail(email.get()).isPresent()) {
                LOG.info(() -> "The bootstrap administrator " + email.get() + " exists; left unchanged");
                return Outcome.ALREADY_EXISTS;
            }
            if (users.create(email.get(), password.get(), Set.of(ADMIN_ROLE)).isEmpty()) {
                // Another node created it between our look-up and our insert.
                return Outcome.ALREADY_EXISTS;
            }
            LOG.info(() -> "Created the bootstrap administrator " + email.get() + " with the role " + ADMIN_ROLE);
            return Outcome.CREATED;
        } finally {
            password.ifPresent(chars -> Arrays.fill(chars, '\0'));
        }
    }
}
