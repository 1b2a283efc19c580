package dev.tollgate.impl.server.housekeeping;

import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Makes a task that every node schedules do its work once per interval in the cluster: the table
 * {@code housekeeping_leases} (migration V8) holds, per task, when it is next due. A node that finds it due moves it
 * one interval ahead with a conditional {@code UPDATE ... SET next_run = ? WHERE name = ? AND next_run <= ?}; the
 * database lets exactly one node's update match, and that node runs the task. The first node to find the row missing
 * inserts it and runs; a second node's insert fails on the primary key, and it does not run.
 *
 * <p>Nothing is held while the task runs, so a node that dies mid-run blocks nobody: another node runs the task at
 * the next due time. The nodes' clocks are assumed to agree within a small part of the interval (NTP).
 */
public final class HousekeepingLease {

    private final DataSource dataSource;
    private final Clock clock;

    public HousekeepingLease(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes the run of {@code task} that is due now, if no other node took it.
     *
     * @param interval how long until the next run is due (the schedule's interval)
     * @return true when this node won and should run the task now
     * @throws StoreException when the database cannot be used
     */
    public boolean tryAcquire(String task, Duration interval) {
        Instant now = clock.instant();
        Instant next = now.plus(interval);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE housekeeping_leases"
                    + " SET next_run = ?, ran_at = ? WHERE name = ? AND next_run <= ?")) {
                Sql.setInstant(update, 1, next);
                Sql.setInstant(update, 2, now);
                update.setString(3, task);
                Sql.setInstant(update, 4, now);
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO housekeeping_leases (name, next_run, ran_at) VALUES (?, ?, ?)")) {
                insert.setString(1, task);
                Sql.setInstant(insert, 2, next);
                Sql.setInstant(insert, 3, now);
                // False: the row is there, not yet due (or another node just made it): not ours to run.
                return Sql.insertUnlessDuplicate(insert);
            }
        } catch (SQLException e) {
            throw new StoreException("take the housekeeping lease of " + task, e);
        }
    }
}
