package dev.tollgate.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing-key rotation across the cluster. There is no API to force a rotation: it follows the schedule in the
 * {@code signing_keys} table, so the cluster suite's nodes run a short one ({@code tollgate.keys.rotation-period}
 * 40 s, {@code publish-ahead} 10 s, {@code refresh-interval} 2 s; liberty/pom.xml) and this test watches a rotation
 * happen. Whichever node notices first inserts the next generation; the other must not add one of its own.
 */
class ClusterKeyRotationIT {

    @BeforeAll
    static void cluster() {
        Cluster.require();
    }

    @Test
    void rotationIsPublishedOnEveryNodeBeforeAnyNodeSignsAndOldTokensKeepVerifying() throws Exception {
        Duration period = Cluster.durationSetting("tollgate.keys.rotation-period");
        String oldToken = accessToken(Cluster.node(1));
        String oldKid = kid(oldToken);

        // Watch both nodes every 200 ms: when each first publishes a new key, and when a node first signs with it.
        Map<Integer, Instant> published = new HashMap<>();
        Instant firstSigned = null;
        String newKid = null;
        String newToken = null;
        int signer = 0;
        Instant deadline = Instant.now().plus(period.multipliedBy(2));
        while (newToken == null && Instant.now().isBefore(deadline)) {
            for (int node = 1; node <= 2; node++) {
                Instant now = Instant.now();
                for (String kid : publishedKids(Cluster.node(node))) {
                    if (!kid.equals(oldKid) && (newKid == null || newKid.equals(kid))
                            && isNewerThan(kid, oldKid)) {
                        newKid = kid;
                        published.putIfAbsent(node, now);
                    }
                }
                String token = accessToken(Cluster.node(node));
                if (!kid(token).equals(oldKid)) {
                    firstSigned = now;
                    newToken = token;
                    signer = node;
                    break;
                }
            }
            Thread.sleep(200);
        }
        assertNotNull(newToken, "no rotation within " + period.multipliedBy(2));
        assertEquals(newKid, kid(newToken), "the key that signs is the one published ahead");
        for (int node = 1; node <= 2; node++) {
            assertTrue(published.containsKey(node) && published.get(node).isBefore(firstSigned),
                    "node " + node + " published " + newKid + " before node " + signer + " signed with it: "
                            + published);
        }

        // Every node's gate admits the new key's token and still the old key's.
        for (int node = 1; node <= 2; node++) {
            HttpResponse<String> fresh = Cluster.me(Cluster.node(node), newToken);
            assertEquals(200, fresh.statusCode(), () -> "new key's token at node: " + fresh.body());
            HttpResponse<String> old = Cluster.me(Cluster.node(node), oldToken);
            assertEquals(200, old.statusCode(), () -> "old key's token at node: " + old.body());
            assertTrue(publishedKids(Cluster.node(node)).contains(oldKid), "the old key stays published");
        }
        assertOneKeyPerRotation(period, Cluster.durationSetting("tollgate.keys.publish-ahead"));
        assertRotationAudited(newKid, oldKid);
    }

    /**
     * The audit trail (README, "Audit trail"): the node that created the key recorded one {@code signing-key.rotated}
     * event for it, the server's own doing (no actor, no address), naming the key it replaces; the other node none.
     */
    @SuppressWarnings("unchecked")
    private static void assertRotationAudited(String newKid, String oldKid) {
        HttpResponse<String> response = Cluster.get(Cluster.node(2),
                "/api/admin/events?type=signing-key.rotated&pageSize=100", Cluster.ADMIN_HEADERS);
        assertEquals(200, response.statusCode(), response.body());
        List<Map<String, Object>> forNewKey = ((List<Map<String, Object>>) Cluster.json(response).get("items"))
                .stream().filter(event -> newKid.equals(((Map<String, Object>) event.get("detail")).get("kid")))
                .toList();
        assertEquals(1, forNewKey.size(), "one event for the new key, whichever node made it: " + response.body());
        Map<String, Object> event = forNewKey.get(0);
        assertEquals("success", event.get("outcome"), event::toString);
        assertEquals(null, event.get("actor"), event::toString);
        assertEquals(null, event.get("address"), event::toString);
        Map<String, Object> detail = (Map<String, Object>) event.get("detail");
        assertEquals(oldKid, detail.get("replaces"), event::toString);
        assertNotNull(detail.get("generation"), event::toString);
        assertNotNull(detail.get("active_from"), event::toString);
    }

    /**
     * Exactly one key per rotation, whichever node noticed: generations without gaps, each created at least
     * {@code rotation-period - publish-ahead} after the one before (two nodes inserting for the same rotation would
     * leave two keys created moments apart), each signing a full period after the one before.
     */
    private static void assertOneKeyPerRotation(Duration period, Duration publishAhead) throws Exception {
        List<long[]> rows = new ArrayList<>();
        List<Instant[]> times = new ArrayList<>();
        try (Connection db = Cluster.database(); Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT generation, created_at, active_from FROM signing_keys ORDER BY generation")) {
            while (result.next()) {
                rows.add(new long[] {result.getLong(1)});
                times.add(new Instant[] {result.getTimestamp(2).toInstant(), result.getTimestamp(3).toInstant()});
            }
        }
        assertTrue(rows.size() >= 2, "a rotation happened");
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i + 1, rows.get(i)[0], "generations 1.." + rows.size() + " without a gap or a double");
            if (i > 0) {
                Duration created = Duration.between(times.get(i - 1)[0], times.get(i)[0]);
                Duration active = Duration.between(times.get(i - 1)[1], times.get(i)[1]);
                int generation = i + 1;
                assertFalse(created.compareTo(period.minus(publishAhead).minusSeconds(1)) < 0, () -> "generation "
                        + generation + " was created " + created + " after the one before: two keys for one rotation");
                assertFalse(active.compareTo(period) < 0, () -> "generation " + generation + " signs " + active
                        + " after the one before, less than the rotation period");
            }
        }
    }

    private static String accessToken(String base) {
        return (String) Cluster.tokens(Cluster.serviceToken(base)).get("access_token");
    }

    private static String kid(String jwt) {
        try {
            return JWSObject.parse(jwt).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> publishedKids(String base) {
        HttpResponse<String> jwks = Cluster.get(base, "/oauth2/jwks");
        assertEquals(200, jwks.statusCode());
        try {
            return JWKSet.parse(jwks.body()).getKeys().stream().map(key -> key.getKeyID()).toList();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether {@code kid} is a later generation than {@code than}, by the database. */
    private static boolean isNewerThan(String kid, String than) {
        try (Connection db = Cluster.database(); Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery("SELECT kid FROM signing_keys ORDER BY generation")) {
            List<String> order = new ArrayList<>();
            while (result.next()) {
                order.add(result.getString(1));
            }
            return order.indexOf(kid) > order.indexOf(than);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
