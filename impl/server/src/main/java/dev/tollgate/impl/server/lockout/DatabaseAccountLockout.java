package dev.tollgate.impl.server.lockout;

import dev.tollgate.impl.server.store.Sql;
import dev.tollgate.impl.server.store.StoreException;
import dev.tollgate.impl.throttle.AccountLockout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@link AccountLockout} of a cluster: the counts live in the table {@code login_lockouts} (migration V8), which
 * every node reads and writes, on H2 (one node) and PostgreSQL alike. The rules are those of {@link AccountLockout}
 * (per account and address, per account; a check reserved before the hash; a failure while locked extends the lock),
 * and DESIGN's: "a lockout or throttle decision and its count are atomic and shared by every node".
 *
 * <p><b>What is written when.</b>
 * <ul>
 *   <li>{@link #reserve}: one {@code SELECT} of both keys' live rows. A locked key ends there. A key with no count
 *       (no live row, or one with nothing in it) is checked <em>unrecorded</em>: nothing is written, so a success of an
 *       account without failures costs no write. At most one unrecorded check per key runs on a node at a time (a
 *       slot in memory); any other check of a key is reserved in the database with a conditional {@code UPDATE}
 *       ({@code pending + 1 WHERE failures + pending + <this node's unrecorded check> < limit AND not locked}), which
 *       locks the key when it reaches the limit.</li>
 *   <li>{@link Attempt#failed()}: one write per key (failures + 1, the reservation given back, locked or the lock
 *       extended to a full period from now).</li>
 *   <li>{@link Attempt#succeeded()}: nothing when no key was reserved in the database, else one {@code UPDATE} that
 *       clears their counts and locks.</li>
 *   <li>{@link Attempt#close()} unused: the database reservations given back, a lock that only they held lifted.</li>
 * </ul>
 *
 * <p><b>Overshoot.</b> On one node the checks of a key never exceed its limit per period: every check is counted in
 * the database or in the node's slot, and the node's own {@link AccountLockout#inMemory} guard also counts its checks
 * in flight. Across {@code n} nodes, each node's unrecorded check is unknown to the others until it fails, and one
 * is taken only while the key has no count at all, so a parallel attack spread over {@code n} nodes gets at most
 * {@code limit + n - 1} checks per key before the lock, once per lockout period. Sequential failures over any nodes
 * lock at exactly the limit.
 *
 * <p><b>Expiry.</b> A row is forgotten one lockout period after its last write, and a lock that runs out takes its
 * count with it (the row expires with it). Reads ignore dead rows, a write revives one from zero, and the purge
 * ({@link #purgeExpiredBefore}) deletes them.
 *
 * <p><b>Failing closed.</b> A database error in {@link #reserve} throws {@link StoreException} (the endpoints answer
 * 503): no password is checked unless its check was counted. A completion whose write fails is logged and kept by
 * this node's in-memory guard instead, so that a database refusing writes still stops a guesser (per node).
 *
 * <p>Keys are stored as base64url SHA-256 of {@code account} or {@code account + address}: the table holds neither
 * the names tried (users sometimes type their password into the name field) nor the addresses. Thread-safe.
 */
public final class DatabaseAccountLockout implements AccountLockout {

    private static final Logger LOG = Logger.getLogger(DatabaseAccountLockout.class.getName());

    /** Rounds of a write that races other nodes' inserts of the same row; after them the lockout fails closed. */
    static final int ATTEMPTS = 5;
    /** How long a check waits for another check's slot (one read or write) before counting it anyway. */
    private static final long WAIT_MILLIS = 2_000;

    private static final String LIVE = " expires_at > ? AND (locked_until IS NULL OR locked_until > ?)";
    private static final String DEAD = " (expires_at <= ? OR locked_until <= ?)";

    private static final String READ = "SELECT key_hash, failures, pending, locked_until FROM login_lockouts"
            + " WHERE key_hash IN (?, ?) AND" + LIVE;

    /** Reserves a check in a live, unlocked row that has room; locks it when this check reaches the limit. */
    private static final String RESERVE = "UPDATE login_lockouts SET pending = pending + 1,"
            + " locked_until = CASE WHEN failures + pending + 1 + ? >= ? THEN ? ELSE NULL END,"
            + " expires_at = CASE WHEN expires_at < ? THEN ? ELSE expires_at END"
            + " WHERE key_hash = ? AND expires_at > ? AND locked_until IS NULL AND failures + pending + ? < ?";

    /** A failed check in a live row: counted, its reservation (if any) given back, locked or the lock extended. */
    private static final String FAIL = "UPDATE login_lockouts SET"
            + " failures = CASE WHEN failures < ? THEN failures + 1 ELSE failures END,"
            + " pending = CASE WHEN pending >= ? THEN pending - ? ELSE 0 END,"
            + " locked_until = CASE WHEN locked_until IS NOT NULL OR failures + 1 + pending - ? + ? >= ?"
            + " THEN (CASE WHEN locked_until > ? THEN locked_until ELSE ? END) ELSE NULL END,"
            + " expires_at = CASE WHEN expires_at > ? THEN expires_at ELSE ? END"
            + " WHERE key_hash = ? AND" + LIVE;

    /** A dead row (expired, or its lock ran out) starts again from the given counts. */
    private static final String REVIVE = "UPDATE login_lockouts SET failures = ?, pending = ?, locked_until = ?,"
            + " expires_at = ? WHERE key_hash = ? AND" + DEAD;

    private static final String INSERT = "INSERT INTO login_lockouts (key_hash, failures, pending, locked_until,"
            + " expires_at) VALUES (?, ?, ?, ?, ?)";

    /** A success clears the counts and locks; the other checks in flight stay reserved. */
    private static final String SUCCEED = "UPDATE login_lockouts SET failures = 0, locked_until = NULL,"
            + " pending = CASE WHEN pending > 0 THEN pending - 1 ELSE 0 END WHERE key_hash IN (?, ?) AND" + LIVE;

    /** A reservation given back uncounted; it lifts a lock that only the checks in flight held. */
    private static final String RELEASE = "UPDATE login_lockouts SET"
            + " pending = CASE WHEN pending > 0 THEN pending - 1 ELSE 0 END,"
            + " locked_until = CASE WHEN locked_until IS NOT NULL AND failures + pending - 1 + ? >= ?"
            + " THEN locked_until ELSE NULL END WHERE key_hash = ? AND" + LIVE;

    private final DataSource dataSource;
    private final int maxFailures;
    private final int maxAccountFailures;
    private final Duration lockout;
    private final Clock clock;
    /** This node's checks in flight, and the failures the database could not take: never more than the rules. */
    private final AccountLockout guard;
    /** Keys with an unrecorded check in flight on this node (or one being decided): at most one each. */
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    /** Told when an account becomes locked and of each check refused while locked. */
    private final LockoutObserver observer;

    /**
     * @throws IllegalArgumentException when a limit is below 1, {@code maxAccountFailures < maxFailures}, or the
     *     lockout is shorter than a second (the answer counts whole seconds)
     */
    public DatabaseAccountLockout(DataSource dataSource, int maxFailures, int maxAccountFailures, Duration lockout,
                                  Clock clock) {
        this(dataSource, maxFailures, maxAccountFailures, lockout, clock, LockoutObserver.NONE);
    }

    /**
     * @param observer told of each check refused while locked, and of each failure after which the account is locked
     *     (found by one more read of its rows, on the failure path only, and only with an observer; two failures
     *     in flight at once may both see the lock)
     * @throws IllegalArgumentException as {@link #DatabaseAccountLockout(DataSource, int, int, Duration, Clock)}
     */
    public DatabaseAccountLockout(DataSource dataSource, int maxFailures, int maxAccountFailures, Duration lockout,
                                  Clock clock, LockoutObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lockout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the lockout must be at least 1 s");
        }
        this.guard = AccountLockout.inMemory(maxFailures, maxAccountFailures, lockout, clock);
        this.maxFailures = maxFailures;
        this.maxAccountFailures = maxAccountFailures;
        this.lockout = lockout;
    }

    /** One count: its row's key and its limit. */
    private record Key(String hash, int limit) {
    }

    /** A live row, as read. */
    private record Row(int failures, int pending, Instant lockedUntil) {

        boolean empty() {
            return failures == 0 && pending == 0 && lockedUntil == null;
        }
    }

    /** A statement that needs this node's count of unrecorded checks of its key. */
    @FunctionalInterface
    private interface Counted<T> {
        T run(int unrecordedHere) throws SQLException;
    }

    /**
     * This node's unrecorded check of a key. Taken before the read, it is undecided until the read shows whether the
     * key has a count. Every other check of the key on this node counts it inside its statement: it holds the read
     * lock from the count to the end of the statement, after waiting for the decision (one read). The check ends its
     * slot under the write lock: its failure written and the slot gone in one step for every other check, which so
     * counts it exactly once, as the slot or as a failure in the row.
     */
    private static final class Slot {

        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private final CountDownLatch decided = new CountDownLatch(1);
        private volatile boolean unrecorded;

        void decide(boolean isUnrecorded) {
            unrecorded = isUnrecorded;
            decided.countDown();
        }

        /** Runs {@code statement} with this slot's count: 1 while it holds an unrecorded check (and when in doubt). */
        <T> T counted(Counted<T> statement) throws SQLException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
            boolean locked = false;
            try {
                locked = lock.readLock().tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                boolean known = locked && decided.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                return statement.run(!known || unrecorded ? 1 : 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return statement.run(1);
            } finally {
                if (locked) {
                    lock.readLock().unlock();
                }
            }
        }

        /** Ends the slot's check: {@code last} (its failure's write, or nothing) and the slot's removal, as one. */
        <T> T end(Runnable removal, java.util.function.Supplier<T> last) {
            if (decided.getCount() > 0) {
                // Never decided (the read failed, or showed a count): it held no check, and nobody waits on it.
                decide(false);
            }
            lock.writeLock().lock();
            try {
                return last.get();
            } finally {
                unrecorded = false;
                decided.countDown();
                removal.run();
                lock.writeLock().unlock();
            }
        }
    }

    /** What one reservation holds, per key: a slot (unrecorded check) or a reservation in the row. */
    private static final class Holding {

        final Map<Key, Slot> slots = new HashMap<>();
        final Set<Key> recorded = new HashSet<>();
        /** Keys with no live row at the read: a failure inserts first. */
        final Set<Key> absent = new HashSet<>();
    }

    /**
     * @throws StoreException when the database cannot be used: the check must not run
     */
    @Override
    public Reservation reserve(String account, String clientAddress) {
        Reservation local = guard.reserve(account, clientAddress);
        if (!(local instanceof Attempt localAttempt)) {
            observe(LockoutObserver.Event.REFUSED);
            return local;
        }
        String normalized = account == null ? "" : account.trim().toLowerCase(Locale.ROOT);
        // An address holds no newline, so the two parts of the address key cannot run into each other.
        Key fromHere = new Key(hash("address\n" + normalized + "\n" + (clientAddress == null ? "" : clientAddress)),
                maxFailures);
        Key everywhere = new Key(hash("account\n" + normalized), maxAccountFailures);
        List<Key> keys = List.of(fromHere, everywhere);
        Holding holding = new Holding();
        boolean reserved = false;
        try (Connection connection = dataSource.getConnection()) {
            Instant now = clock.instant();
            // Slots first, then the read: a slot taken after the read could rest on a count that has since grown.
            for (Key key : keys) {
                Slot mine = new Slot();
                if (slots.putIfAbsent(key.hash(), mine) == null) {
                    holding.slots.put(key, mine);
                }
            }
            Map<String, Row> rows = read(connection, now, fromHere, everywhere);
            // Decide the slots at once: the node's other checks of these keys wait for it.
            for (Key key : keys) {
                Row row = rows.get(key.hash());
                if (row == null) {
                    holding.absent.add(key);
                }
                Slot mine = holding.slots.get(key);
                if (mine != null) {
                    if (row == null || row.empty()) {
                        mine.decide(true);
                    } else {
                        // The key has a count: this check is reserved in the row like the others.
                        holding.slots.remove(key);
                        free(key, mine);
                    }
                }
            }
            long lockedFor = Math.max(remaining(rows.get(fromHere.hash()), now),
                    remaining(rows.get(everywhere.hash()), now));
            if (lockedFor > 0) {
                observe(LockoutObserver.Event.REFUSED);
                return new Locked(lockedFor);
            }
            for (Key key : keys) {
                if (holding.slots.containsKey(key)) {
                    continue;
                }
                boolean live = rows.containsKey(key.hash());
                long refused = counted(key, unrecordedHere -> reserveInDatabase(connection, key, live,
                        unrecordedHere, now));
                if (refused > 0) {
                    observe(LockoutObserver.Event.REFUSED);
                    return new Locked(refused);
                }
                holding.recorded.add(key);
            }
            reserved = true;
            return new DatabaseAttempt(keys, holding, localAttempt);
        } catch (SQLException e) {
            throw new StoreException("reserve a password check with the lockout", e);
        } finally {
            if (!reserved) {
                giveBack(holding);
                localAttempt.close();
            }
        }
    }

    /**
     * Deletes the rows that stopped counting before {@code cutoff}.
     *
     * @return how many rows
     */
    public int purgeExpiredBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM login_lockouts WHERE expires_at < ?")) {
            Sql.setInstant(delete, 1, cutoff);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("purge login_lockouts", e);
        }
    }

    private void observe(LockoutObserver.Event event) {
        try {
            observer.observed(event);
        } catch (RuntimeException e) {
            LOG.fine(() -> "Lockout: the observer failed (" + e.getClass().getName() + ")");
        }
    }

    /** After a failure was written: tells the observer when one of the keys is now locked (one read of both). */
    private void observeLockAfterFailure(Key one, Key two) {
        if (observer == LockoutObserver.NONE) {
            return;
        }
        completeQuietly("read the lock after a failure", connection -> {
            Instant now = clock.instant();
            Map<String, Row> rows = read(connection, now, one, two);
            if (remaining(rows.get(one.hash()), now) > 0 || remaining(rows.get(two.hash()), now) > 0) {
                observe(LockoutObserver.Event.LOCKED);
            }
        });
    }

    /** Runs {@code statement} with the count of this node's unrecorded check of {@code key} (see {@link Slot}). */
    private <T> T counted(Key key, Counted<T> statement) throws SQLException {
        Slot slot = slots.get(key.hash());
        return slot == null ? statement.run(0) : slot.counted(statement);
    }

    /** @return 0 when reserved; else the seconds until the key may be tried again */
    private long reserveInDatabase(Connection connection, Key key, boolean live, int unrecordedHere, Instant now)
            throws SQLException {
        if (unrecordedHere >= key.limit()) {
            return seconds(lockout);
        }
        Instant until = now.plus(lockout);
        boolean rowLive = live;
        for (int round = 0; round < ATTEMPTS; round++) {
            if (rowLive) {
                try (PreparedStatement update = connection.prepareStatement(RESERVE)) {
                    update.setInt(1, unrecordedHere);
                    update.setInt(2, key.limit());
                    Sql.setInstant(update, 3, until);
                    Sql.setInstant(update, 4, until);
                    Sql.setInstant(update, 5, until);
                    update.setString(6, key.hash());
                    Sql.setInstant(update, 7, now);
                    update.setInt(8, unrecordedHere);
                    update.setInt(9, key.limit());
                    if (update.executeUpdate() == 1) {
                        return 0;
                    }
                }
                Row row = read(connection, now, key, key).get(key.hash());
                if (row != null) {
                    if (row.lockedUntil() != null) {
                        return remaining(row, now);
                    }
                    if (row.failures() + row.pending() + unrecordedHere >= key.limit()) {
                        // Full of checks in flight: the one that reached the limit may still fail.
                        return seconds(lockout);
                    }
                    continue;
                }
            }
            Instant lockedUntil = 1 + unrecordedHere >= key.limit() ? until : null;
            if (insert(connection, key, 0, 1, lockedUntil, until)
                    || revive(connection, key, 0, 1, lockedUntil, until, now)) {
                return 0;
            }
            rowLive = true;
        }
        throw new StoreException("reserve a password check: the lockout row kept changing", null);
    }

    /**
     * Counts a failed check of {@code key}.
     *
     * @param reserved    whether the check held a reservation in the row
     * @param insertFirst the key had no live row at the reservation: most likely it still has none
     */
    private void fail(Connection connection, Key key, boolean reserved, int unrecordedHere, boolean insertFirst,
                      Instant now) throws SQLException {
        Instant until = now.plus(lockout);
        Instant lockedUntil = 1 + unrecordedHere >= key.limit() ? until : null;
        int given = reserved ? 1 : 0;
        boolean tryInsert = insertFirst;
        for (int round = 0; round < ATTEMPTS; round++) {
            if (tryInsert && insert(connection, key, 1, 0, lockedUntil, until)) {
                return;
            }
            try (PreparedStatement update = connection.prepareStatement(FAIL)) {
                update.setInt(1, key.limit());
                update.setInt(2, given);
                update.setInt(3, given);
                update.setInt(4, given);
                update.setInt(5, unrecordedHere);
                update.setInt(6, key.limit());
                Sql.setInstant(update, 7, until);
                Sql.setInstant(update, 8, until);
                Sql.setInstant(update, 9, until);
                Sql.setInstant(update, 10, until);
                update.setString(11, key.hash());
                Sql.setInstant(update, 12, now);
                Sql.setInstant(update, 13, now);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            // No live row: a dead one starts again from this failure, or there is none and the insert goes again.
            if (revive(connection, key, 1, 0, lockedUntil, until, now)) {
                return;
            }
            tryInsert = true;
        }
        throw new StoreException("count a failed password check: the lockout row kept changing", null);
    }

    private void release(Connection connection, Key key) throws SQLException {
        Instant now = clock.instant();
        counted(key, unrecordedHere -> {
            try (PreparedStatement update = connection.prepareStatement(RELEASE)) {
                update.setInt(1, unrecordedHere);
                update.setInt(2, key.limit());
                update.setString(3, key.hash());
                Sql.setInstant(update, 4, now);
                Sql.setInstant(update, 5, now);
                return update.executeUpdate();
            }
        });
    }

    private static boolean revive(Connection connection, Key key, int failures, int pending, Instant lockedUntil,
                                  Instant expiresAt, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(REVIVE)) {
            update.setInt(1, failures);
            update.setInt(2, pending);
            Sql.setInstant(update, 3, lockedUntil);
            Sql.setInstant(update, 4, expiresAt);
            update.setString(5, key.hash());
            Sql.setInstant(update, 6, now);
            Sql.setInstant(update, 7, now);
            return update.executeUpdate() == 1;
        }
    }

    /** @return false when another node inserted the row first (the caller goes round again) */
    private static boolean insert(Connection connection, Key key, int failures, int pending, Instant lockedUntil,
                                  Instant expiresAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, key.hash());
            insert.setInt(2, failures);
            insert.setInt(3, pending);
            Sql.setInstant(insert, 4, lockedUntil);
            Sql.setInstant(insert, 5, expiresAt);
            return Sql.insertUnlessDuplicate(insert);
        }
    }

    private static Map<String, Row> read(Connection connection, Instant now, Key one, Key two) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(READ)) {
            select.setString(1, one.hash());
            select.setString(2, two.hash());
            Sql.setInstant(select, 3, now);
            Sql.setInstant(select, 4, now);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString("key_hash"), new Row(result.getInt("failures"),
                            result.getInt("pending"), Sql.getInstant(result, "locked_until")));
                }
            }
        }
        return rows;
    }

    /** Gives back what a reservation that did not come to an attempt (refused, or the database failed) holds. */
    private void giveBack(Holding holding) {
        holding.slots.forEach(this::free);
        for (Key key : holding.recorded) {
            completeQuietly("give back a reservation", connection -> release(connection, key));
        }
    }

    /** Ends a slot that holds no failure to write: a check that counts it counts nothing from now on. */
    private void free(Key key, Slot slot) {
        slot.end(() -> slots.remove(key.hash(), slot), () -> null);
    }

    /** Work on one connection that may fail. */
    @FunctionalInterface
    private interface Completion {
        void run(Connection connection) throws SQLException;
    }

    /** @return false when the database failed (logged, without the keys: they are derived from the account) */
    private boolean completeQuietly(String what, Completion completion) {
        try (Connection connection = dataSource.getConnection()) {
            completion.run(connection);
            return true;
        } catch (SQLException | StoreException e) {
            LOG.log(Level.WARNING, "Lockout: could not " + what + " in the database; this node keeps its own count ("
                    + e.getClass().getName() + ")", e instanceof StoreException ? null : e);
            return false;
        }
    }

    /** The seconds (rounded up, at least 1) until the row is unlocked; 0 when it is not locked. */
    private long remaining(Row row, Instant now) {
        if (row == null || row.lockedUntil() == null || !row.lockedUntil().isAfter(now)) {
            return 0;
        }
        Duration left = Duration.between(now, row.lockedUntil());
        // At most one period: another node's clock may run a little ahead.
        return seconds(left.compareTo(lockout) > 0 ? lockout : left);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A check reserved for both keys, completed at most once. Completing never throws. */
    private final class DatabaseAttempt implements Attempt {

        private final List<Key> keys;
        private final Holding holding;
        private final Attempt local;
        private final AtomicBoolean done = new AtomicBoolean();

        DatabaseAttempt(List<Key> keys, Holding holding, Attempt local) {
            this.keys = keys;
            this.holding = holding;
            this.local = local;
        }

        @Override
        public void failed() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            Instant now = clock.instant();
            boolean written = true;
            // Key by key, one lock at a time: a slot's failure is written and the slot freed as one step.
            for (Key key : keys) {
                Slot mine = holding.slots.get(key);
                boolean reserved = holding.recorded.contains(key);
                boolean insertFirst = holding.absent.contains(key);
                Completion write = connection -> {
                    if (mine != null) {
                        fail(connection, key, false, 0, insertFirst, now);
                    } else {
                        counted(key, unrecordedHere -> {
                            fail(connection, key, reserved, unrecordedHere, insertFirst, now);
                            return null;
                        });
                    }
                };
                String what = "count a failed password check";
                written &= mine == null ? completeQuietly(what, write)
                        : mine.end(() -> slots.remove(key.hash(), mine), () -> completeQuietly(what, write));
            }
            if (written) {
                local.close();
                observeLockAfterFailure(keys.get(0), keys.get(1));
            } else {
                local.failed();
            }
        }

        @Override
        public void succeeded() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            try {
                List<Key> recorded = keys.stream().filter(holding.recorded::contains).toList();
                if (!recorded.isEmpty()) {
                    completeQuietly("clear the counts after a success", connection -> {
                        Instant now = clock.instant();
                        try (PreparedStatement update = connection.prepareStatement(SUCCEED)) {
                            update.setString(1, recorded.get(0).hash());
                            update.setString(2, recorded.get(recorded.size() - 1).hash());
                            Sql.setInstant(update, 3, now);
                            Sql.setInstant(update, 4, now);
                            update.executeUpdate();
                        }
                    });
                }
            } finally {
                holding.slots.forEach(DatabaseAccountLockout.this::free);
                local.succeeded();
            }
        }

        @Override
        public void close() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            try {
                giveBack(holding);
            } finally {
                local.close();
            }
        }
    }
}
