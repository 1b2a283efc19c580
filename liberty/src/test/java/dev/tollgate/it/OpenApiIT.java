package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.support.JaxRsResources;
import dev.tollgate.it.support.JaxRsResources.Endpoint;
import dev.tollgate.it.support.LibertyServer;
import dev.tollgate.it.support.Problems;
import dev.tollgate.war.TollgateApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document that Liberty's mpOpenAPI generates from the WAR's annotations, fetched without credentials.
 *
 * <p>Its operations are compared with the WAR's JAX-RS resource methods, found by reflection over the WAR's classes
 * (the {@code tollgate-war} {@code classes} jar on the test class path), so a resource added later is checked
 * without editing this test: it must be in the document, and each error it documents must say its format.
 */
class OpenApiIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";
    private static final String HTML = "text/html";

    private static Map<String, Object> document;

    @BeforeAll
    static void fetchDocument() {
        HttpResponse<String> response = LibertyServer.get("/openapi", "Accept", JSON);
        assertEquals(200, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(JSON),
                () -> "Content-Type: " + response.headers().firstValue("Content-Type"));
        document = Problems.json(response);
    }

    @Test
    void documentIsOpenApi31() {
        String version = String.valueOf(document.get("openapi"));
        assertTrue(version.matches("3\\.1\\.\\d+"), "openapi: " + version);
        assertEquals("Tollgate", map(document.get("info")).get("title"), "the WAR's @OpenAPIDefinition was read");
        // @Info is a compile-time constant: this catches a version bump that forgot it (openapi/package-info.java).
        String projectVersion = System.getProperty("it.project.version", "").replace("-SNAPSHOT", "");
        assertEquals(projectVersion, map(document.get("info")).get("version"),
                "info.version in war/src/main/java/dev/tollgate/war/openapi/package-info.java");
    }

    @Test
    void everyResourceMethodOfTheWarIsDocumentedAndNothingElse() {
        JaxRsResources.Scan scan = JaxRsResources.beside(TollgateApplication.class);
        assertTrue(scan.locators().isEmpty(), () -> "sub-resource locators cannot be checked by this test; "
                + "give their methods a full @Path instead: " + scan.locators());
        assertTrue(scan.endpoints().stream().anyMatch(e -> e.httpMethod().equals("POST")
                && e.path().equals("/oauth2/token")), () -> "the scan found the WAR's resources: " + scan.endpoints());

        Set<String> documented = new TreeSet<>();
        map(document.get("paths")).forEach((path, item) -> map(item).keySet().stream()
                .filter(OpenApiIT::isHttpMethod)
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " "
                        + JaxRsResources.normalize(path))));
        Set<String> implemented = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (Endpoint endpoint : scan.endpoints()) {
            String key = endpoint.httpMethod() + " " + endpoint.normalizedPath();
            implemented.add(key);
            if (!documented.contains(key)) {
                missing.add(endpoint.httpMethod() + " " + endpoint.path() + " (" + endpoint.javaMethod() + ")");
            }
        }
        assertTrue(missing.isEmpty(), () -> "resource methods missing from /openapi: " + missing);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(implemented);
        assertTrue(extra.isEmpty(), () -> "/openapi documents operations that the WAR does not have (another "
                + "application's?): " + extra);
    }

    /**
     * Every 4xx and 5xx response, inline or by reference, says its format: {@code application/problem+json} or
     * {@code application/json} with a schema. An HTML page's errors may be HTML alone (the login page's are).
     */
    @Test
    void everyErrorResponseHasAProblemOrOAuthErrorSchema() {
        List<String> failures = new ArrayList<>();
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (!isHttpMethod(method)) {
                return;
            }
            Map<String, Object> responses = map(map(operation).get("responses"));
            boolean answersHtml = responses.entrySet().stream()
                    .filter(response -> response.getKey().startsWith("2"))
                    .anyMatch(response -> content(response.getValue()).containsKey(HTML));
            responses.forEach((code, response) -> {
                if (!code.startsWith("4") && !code.startsWith("5")) {
                    return;
                }
                String where = method.toUpperCase(Locale.ROOT) + " " + path + " " + code;
                Map<String, Object> content = content(response);
                content.forEach((mediaType, media) -> {
                    if (map(media).get("schema") == null) {
                        failures.add(where + ": " + mediaType + " has no schema");
                    }
                });
                boolean described = Set.of(PROBLEM_JSON, JSON).stream()
                        .anyMatch(type -> content.containsKey(type) && map(content.get(type)).get("schema") != null);
                boolean page = answersHtml && content.containsKey(HTML);
                if (!described && !page) {
                    failures.add(where + ": content " + content.keySet() + ", expected " + PROBLEM_JSON + " or "
                            + JSON + " with a schema");
                }
            });
        }));
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    /** A misspelt {@code ref = "Problem4O1"} would leave a dangling reference; Liberty logs CWWKO1650E for it. */
    @Test
    void everyReferenceResolvesAndLibertyFoundTheDocumentValid() {
        List<String> dangling = new ArrayList<>();
        collectReferences(document, dangling);
        assertTrue(dangling.isEmpty(), () -> "references to nothing: " + dangling);
        // messages.log of this start only: Liberty keeps the logs of earlier starts beside it, renamed.
        String messages;
        try {
            messages = Files.readString(LibertyServer.serverDir().resolve("logs/messages.log"),
                    StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(messages.contains("CWWKO1660I"), "Liberty produced the OpenAPI document (CWWKO1660I)");
        assertFalse(messages.contains("CWWKO1650E"),
                "Liberty's validation of the OpenAPI document reported errors (CWWKO1650E in messages.log)");
    }

    @Test
    void userInterfaceAnswersHtmlWithoutCredentials() {
        HttpResponse<String> response = LibertyServer.get("/openapi/ui/");

        assertEquals(200, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith(HTML),
                () -> "Content-Type: " + response.headers().firstValue("Content-Type"));
        assertTrue(response.body().toLowerCase(Locale.ROOT).contains("<html"), response::body);
    }

    private static boolean isHttpMethod(String key) {
        return Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace").contains(key);
    }

    /** A response's content, following a {@code $ref} to the components. */
    private static Map<String, Object> content(Object response) {
        Object content = resolve(response).get("content");
        return content == null ? Map.of() : map(content);
    }

    private static Map<String, Object> resolve(Object value) {
        Map<String, Object> object = map(value);
        while (object.get("$ref") instanceof String ref) {
            Object target = lookUp(ref);
            if (target == null) {
                throw new AssertionError("a reference to nothing: " + ref);
            }
            object = map(target);
        }
        return object;
    }

    /** {@code #/components/responses/Problem401} → that object, or null. */
    private static Object lookUp(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        Object node = document;
        for (String name : ref.substring(2).split("/")) {
            if (!(node instanceof Map<?, ?> object)) {
                return null;
            }
            node = object.get(name.replace("~1", "/").replace("~0", "~"));
        }
        return node;
    }

    private static void collectReferences(Object node, List<String> dangling) {
        if (node instanceof Map<?, ?> object) {
            if (object.get("$ref") instanceof String ref && lookUp(ref) == null) {
                dangling.add(ref);
            }
            object.values().forEach(value -> collectReferences(value, dangling));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectReferences(value, dangling));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError("not a JSON object: " + value);
        }
        return (Map<String, Object>) value;
    }
}
