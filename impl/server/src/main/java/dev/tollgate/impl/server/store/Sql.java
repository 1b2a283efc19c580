package dev.tollgate.impl.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * JDBC conventions shared by the stores, for SQL that runs unchanged on H2 2.3 and PostgreSQL 15 (see the comment
 * at the top of {@code V1__authorization_server.sql}).
 */
public final class Sql {

    /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    /**
     * Writes a time as TIMESTAMP WITH TIME ZONE in UTC, at the microsecond precision both databases keep (so that
     * what is read back equals what was written).
     */
    public static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    public static Instant getInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Optional<Instant> getOptionalInstant(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(getInstant(rows, column));
    }

    /** Nullable INTEGER. */
    public static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    public static Optional<Integer> getOptionalInteger(ResultSet rows, String column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(value);
    }

    /** Multi-valued columns hold values separated by single spaces; none may contain whitespace. */
    public static String words(Collection<String> values) {
        for (String value : values) {
            if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a listed value must be non-empty and without spaces");
            }
        }
        return String.join(" ", values);
    }

    /** The values of a multi-valued column, in stored order, without duplicates. */
    public static Set<String> wordSet(String column) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(wordList(column)));
    }

    public static List<String> wordList(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.asList(column.trim().split(" +"))));
    }

    /**
     * Runs a prepared INSERT. @return false when a unique key already holds the row (another request or node
     * inserted it first), which the caller decides about; any other failure is thrown
     */
    public static boolean insertUnlessDuplicate(PreparedStatement insert) throws SQLException {
        try {
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Rolls back without masking the exception that made us roll back. */
    public static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
