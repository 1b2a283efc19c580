package dev.tollgate.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar on PostgreSQL, told so by environment variables alone (TOLLGATE_DB, TOLLGATE_DB_URL, _USER,
 * _PASSWORD), in a schema of its own that the test empties first. Left out, and said so, with the PostgreSQL round
 * (-Dit.postgresql.skip=true); CI never leaves it out.
 */
class RunnableJarPostgresIT {

    private static RunnableJar server;
    private static final OpsHttp HTTP = OpsHttp.plain();

    private static String schema() {
        return System.getProperty("it.ops.pg.schema", "tollgate_ops");
    }

    private static String databaseUrl() {
        return System.getProperty("it.ops.pg.database.url", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    @BeforeAll
    static void start() throws Exception {
        assumeFalse(Boolean.getBoolean("it.ops.pg.skip") && !"true".equals(System.getenv("CI")),
                "RunnableJarPostgresIT left out with the PostgreSQL round (-Dit.postgresql.skip=true or -Dit.ops.pg.skip=true)");
        try (Connection connection = DriverManager.getConnection(databaseUrl(), "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema() + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema());
        }
        int port = RunnableJar.portBase();
        Map<String, String> environment = new HashMap<>(RunnableJarIT.environment("http://127.0.0.1:" + port));
        environment.put("TOLLGATE_DB", "postgresql");
        environment.put("TOLLGATE_DB_URL", databaseUrl() + "?currentSchema=" + schema());
        environment.put("TOLLGATE_DB_USER", "postgres");
        environment.put("TOLLGATE_DB_PASSWORD", "");
        server = RunnableJar.start("jar-pg", port, environment);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void tokenWhenToldPostgresqlThenIssuedWithTheSchemaInPostgresql() throws Exception {
        HttpResponse<String> response = HTTP.clientCredentials(server.baseUrl(), RunnableJarIT.CLIENT,
                RunnableJarIT.CLIENT_SECRET, "read");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Bearer", JSONObjectUtils.parse(response.body()).get("token_type"));
        try (Connection connection = DriverManager.getConnection(databaseUrl(), "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery("SELECT count(*) FROM information_schema.tables"
                     + " WHERE table_schema = '" + schema() + "' AND table_name = 'flyway_schema_history'")) {
            assertTrue(tables.next());
            assertEquals(1, tables.getInt(1), "Flyway migrated the schema named by TOLLGATE_DB_URL");
        }
        assertFalse(Files.exists(server.folder().resolve("tollgate-data")), "no H2 file when told PostgreSQL");
        assertTrue(server.log().contains("Database: jdbc:postgresql:"), server.log());
    }
}
