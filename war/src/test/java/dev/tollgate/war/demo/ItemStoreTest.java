package dev.tollgate.war.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.error.ProblemException;
import dev.tollgate.api.error.ProblemType;
import dev.tollgate.war.Pagination;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ItemStoreTest {

    private final DemoDatabase database = DemoDatabase.open();
    private final ItemStore store = new ItemStore(database.dataSource);

    private static List<Long> ids(ItemPage page) {
        return page.items().stream().map(Item::id).toList();
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    @Test
    void firstPageHoldsTheFirstItemsByIdAndTheTotals() {
        ItemPage page = store.page(1, 10);

        assertEquals(range(1, 10), ids(page));
        assertEquals(new Item(1, "Item 1"), page.items().get(0));
        assertEquals(new Pagination(250, 25), page.pagination());
    }

    @Test
    void lastPageMayBeShort() {
        ItemPage page = store.page(3, 100);

        assertEquals(range(201, 250), ids(page));
        assertEquals(new Pagination(250, 3), page.pagination());
    }

    @Test
    void pagesFollowEachOtherWithoutGapOrOverlap() {
        assertEquals(range(8, 14), ids(store.page(2, 7)));
        assertEquals(36, store.page(2, 7).pagination().maxPage());
    }

    @Test
    void pagePastTheEndIsEmptyWithTheSameTotals() {
        ItemPage page = store.page(26, 10);

        assertTrue(page.items().isEmpty());
        assertEquals(new Pagination(250, 25), page.pagination());
    }

    @Test
    void hugePageNumberDoesNotOverflow() {
        assertTrue(store.page(999_999_999, 100).items().isEmpty());
    }

    @Test
    void emptyTableHasNoPages() throws SQLException {
        try (Connection connection = database.dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM demo_item");
        }

        assertEquals(new ItemPage(List.of(), new Pagination(0, 0)), store.page(1, 10));
    }

    @Test
    void countIsEveryItem() {
        assertEquals(250, store.count());
    }

    @Test
    void unreachableDatabaseIsServiceUnavailable() {
        ItemStore down = new ItemStore(failing(new SQLException("Connection refused", "08001")));

        ProblemException problem = assertThrows(ProblemException.class, () -> down.page(1, 10));

        assertEquals(ProblemType.SERVICE_UNAVAILABLE, problem.problemType());
    }

    @Test
    void otherDatabaseFailureIsLeftToTheCatchAll() {
        ItemStore broken = new ItemStore(failing(new SQLException("relation does not exist", "42P01")));

        IllegalStateException failure = assertThrows(IllegalStateException.class, broken::count);

        assertTrue(failure.getCause() instanceof SQLException);
    }

    private static DataSource failing(SQLException error) {
        return (DataSource) Proxy.newProxyInstance(ItemStoreTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw error;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
