package dev.tollgate.war.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.api.Caller;
import dev.tollgate.api.CredentialKind;
import dev.tollgate.war.Pagination;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The demo API's bodies as JSON-B writes them (Yasson, the implementation in Liberty's jsonb-3.0). */
class DemoJsonTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    private static JsonObject json(Object value) {
        return Json.createReader(new StringReader(JSONB.toJson(value))).readObject();
    }

    @Test
    void meHasTheCallerInSnakeCase() {
        Caller caller = Caller.of("alice@example.com", "demo-client", Set.of("items:read", "openid"),
                Set.of("user", "admin"), CredentialKind.JWT, Instant.parse("2030-01-02T03:04:05Z"));

        JsonObject me = json(CallerView.of(caller));

        assertEquals(Set.of("subject", "client_id", "scopes", "roles", "credential_kind", "expires_at"), me.keySet());
        assertEquals("alice@example.com", me.getString("subject"));
        assertEquals("demo-client", me.getString("client_id"));
        assertEquals(List.of("items:read", "openid"), me.getJsonArray("scopes").getValuesAs(
                jakarta.json.JsonString::getString));
        assertEquals(List.of("admin", "user"), me.getJsonArray("roles").getValuesAs(
                jakarta.json.JsonString::getString));
        assertEquals("JWT", me.getString("credential_kind"));
        assertEquals("2030-01-02T03:04:05Z", me.getString("expires_at"));
    }

    @Test
    void meKeepsAbsentClientAndExpiryAsNull() {
        Caller caller = Caller.of("bob@example.com", null, Set.of(), Set.of(), CredentialKind.PLAIN_HEADERS, null);

        JsonObject me = json(CallerView.of(caller));

        assertEquals(6, me.size());
        assertEquals(true, me.isNull("client_id"));
        assertEquals(true, me.isNull("expires_at"));
        assertEquals("PLAIN_HEADERS", me.getString("credential_kind"));
    }

    @Test
    void itemPageHasItemsAndPagination() {
        JsonObject page = json(new ItemPage(List.of(new Item(1, "Item 1")), new Pagination(250, 25)));

        assertEquals(Set.of("items", "pagination"), page.keySet());
        JsonObject item = page.getJsonArray("items").getJsonObject(0);
        assertEquals(1, item.getInt("id"));
        assertEquals("Item 1", item.getString("name"));
        JsonObject pagination = page.getJsonObject("pagination");
        assertEquals(Set.of("total_count", "max_page"), pagination.keySet());
        assertEquals(250, pagination.getInt("total_count"));
        assertEquals(25, pagination.getInt("max_page"));
    }

    @Test
    void emptyPageStillHasAnItemsArray() {
        JsonObject page = json(new ItemPage(List.of(), new Pagination(250, 25)));

        assertEquals(0, page.getJsonArray("items").size());
    }

    @Test
    void adminStatsAndReportsAreSmallObjects() {
        assertEquals(250, json(Map.of("items", 250L)).getInt("items"));

        JsonObject reports = json(new ReportsResource.Reports("svc", ReportsResource.REPORTS));
        assertEquals("svc", reports.getString("subject"));
        assertEquals(Set.of("id", "title"), reports.getJsonArray("reports").getJsonObject(0).keySet());
    }
}
