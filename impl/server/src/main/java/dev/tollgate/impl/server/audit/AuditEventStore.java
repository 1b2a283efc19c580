package dev.tollgate.impl.server.audit;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tollgate.impl.server.store.Page;
import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code audit_events} table (V13): one insert per event, a filtered listing newest first, and the purge.
 * Thread-safe.
 */
public final class AuditEventStore {

    private static final String COLUMNS = "id, occurred_at, event_type, outcome, actor, subject, client_id,"
            + " client_address, detail";

    private final DataSource dataSource;

    public AuditEventStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Writes one event: one INSERT. @throws StoreException when the database refuses it */
    public void insert(AuditEvent event) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_events (" + COLUMNS
                     + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, event.id());
            Sql.setInstant(insert, 2, event.time());
            insert.setString(3, event.type().dotted());
            insert.setString(4, event.outcome().json());
            insert.setString(5, clip(event.actor(), 320));
            insert.setString(6, clip(event.subject(), 320));
            insert.setString(7, clip(event.client(), 255));
            insert.setString(8, clip(event.address(), 64));
            insert.setString(9, event.detailJson());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("record an audit event", e);
        }
    }

    /** One page of the events that match every filter of {@code query}, newest first. */
    public Page<AuditEvent> find(AuditQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        query.type().ifPresent(type -> {
            where.append(" AND event_type = ?");
            values.add(type.dotted());
        });
        query.subject().ifPresent(subject -> {
            where.append(" AND subject = ?");
            values.add(subject);
        });
        query.client().ifPresent(client -> {
            where.append(" AND client_id = ?");
            values.add(client);
        });
        query.from().ifPresent(from -> {
            where.append(" AND occurred_at >= ?");
            values.add(from);
        });
        query.to().ifPresent(to -> {
            where.append(" AND occurred_at < ?");
            values.add(to);
        });
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM audit_events" + where)) {
                bind(count, values);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            List<AuditEvent> events = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM audit_events"
                    + where + " ORDER BY occurred_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int next = bind(select, values);
                select.setLong(next, query.page().offset());
                select.setInt(next + 1, query.page().size());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        events.add(read(rows));
                    }
                }
            }
            return new Page<>(events, query.page().page(), query.page().size(), total);
        } catch (SQLException e) {
            throw new StoreException("list audit events", e);
        }
    }

    /** Deletes the events that occurred before {@code cutoff}. @return how many */
    public int purgeBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM audit_events WHERE occurred_at < ?")) {
            Sql.setInstant(delete, 1, cutoff);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purge audit events", e);
        }
    }

    /** @return the index of the next parameter */
    private static int bind(PreparedStatement statement, List<Object> values) throws SQLException {
        int index = 1;
        for (Object value : values) {
            if (value instanceof Instant instant) {
                Sql.setInstant(statement, index++, instant);
            } else {
                statement.setString(index++, (String) value);
            }
        }
        return index;
    }

    private static AuditEvent read(ResultSet rows) throws SQLException {
        Map<String, Object> detail;
        try {
            String json = rows.getString("detail");
            detail = json == null ? Map.of() : JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            detail = Map.of();
        }
        return new AuditEvent(rows.getObject("id", UUID.class), Sql.getInstant(rows, "occurred_at"),
                AuditEventType.ofDotted(rows.getString("event_type")).orElseThrow(
                        () -> new SQLException("unknown audit event type " + rowsType(rows))),
                AuditEvent.Outcome.ofJson(rows.getString("outcome")), rows.getString("actor"),
                rows.getString("subject"), rows.getString("client_id"), rows.getString("client_address"), detail);
    }

    private static String rowsType(ResultSet rows) {
        try {
            return rows.getString("event_type");
        } catch (SQLException e) {
            return "?";
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
