package dev.tollgate.war.demo;

import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.war.Pagination;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Reads the demo items ({@code demo_item}, migration V2) with plain JDBC. */
@ApplicationScoped
public class ItemStore {

    private static final Logger LOG = Logger.getLogger(ItemStore.class.getName());

    @Resource(lookup = "jdbc/tollgate")
    DataSource dataSource;

    /** For CDI. */
    protected ItemStore() {
    }

    ItemStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How many items there are. */
    public long count() {
        try (Connection connection = dataSource.getConnection()) {
            return count(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Page {@code page} (1-based) of {@code size} items, ordered by id. A page past the end is empty, not an error.
     */
    public ItemPage page(int page, int size) {
        if (page < 1 || size < 1) {
            throw new IllegalArgumentException("page and size start at 1");
        }
        try (Connection connection = dataSource.getConnection()) {
            long total = count(connection);
            long offset = (long) (page - 1) * size;
            List<Item> items = offset < total ? items(connection, offset, size) : List.of();
            return new ItemPage(items, Pagination.of(total, size));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static long count(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM demo_item");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<Item> items(Connection connection, long offset, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, name FROM demo_item ORDER BY id LIMIT ? OFFSET ?")) {
            statement.setInt(1, limit);
            statement.setLong(2, offset);
            try (ResultSet rows = statement.executeQuery()) {
                List<Item> items = new ArrayList<>(limit);
                while (rows.next()) {
                    items.add(new Item(rows.getLong(1), rows.getString(2)));
                }
                return items;
            }
        }
    }

    /**
     * No connection (SQL state class 08, e.g. PostgreSQL down) is a 503 the client may retry; anything else is a
     * server fault for the catch-all mapper to log.
     */
    private static RuntimeException failure(SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
            LOG.warning(() -> "Demo items: database unavailable (SQL state " + e.getSQLState() + ")");
            return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "The database is unavailable.");
        }
        return new IllegalStateException("Reading demo items failed", e);
    }
}
