package dev.tollgate.war.startup;

import dev.tollgate.impl.config.ConfigSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Says at start when the embedded H2 database runs with an empty password, the default that earlier versions
 * created their databases with. The password is Liberty's ({@code tollgate.db.h2.password} in {@code db-h2.xml}),
 * which the application also sees through MicroProfile Config; the check only reads it, never logs it.
 */
final class EmbeddedDatabasePassword {

    static final String KEY = "tollgate.db.h2.password";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabasePassword.class.getName());

    private EmbeddedDatabasePassword() {
    }

    /** @return whether it warned: the data source is an H2 file and {@value #KEY} is empty */
    static boolean warnWhenEmpty(DataSource dataSource, ConfigSource config) {
        String url;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        } catch (SQLException e) {
            return false; // the migration that follows reports an unreachable database
        }
        if (url == null || !url.startsWith("jdbc:h2:file:") || config.get(KEY).isPresent()) {
            return false;
        }
        LOG.warning("The embedded H2 database runs as its user with an empty password: whoever reaches the file"
                + " through H2's tools opens it without one. Set " + KEY + " (README, \"The database\"; an existing"
                + " database first needs ALTER USER ... SET PASSWORD, see db-h2.xml), or use PostgreSQL in"
                + " production.");
        return true;
    }
}
