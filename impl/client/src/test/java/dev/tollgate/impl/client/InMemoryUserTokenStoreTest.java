package dev.tollgate.impl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.api.client.AccessToken;
import dev.tollgate.api.client.UserTokens;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryUserTokenStoreTest {

    private static UserTokens tokens(String value) {
        return new UserTokens(new AccessToken(value, "Bearer", Optional.empty(), null), Optional.empty(),
                Optional.empty());
    }

    @Test
    void beyondItsBoundTheLeastRecentlyUsedUserIsForgotten() {
        InMemoryUserTokenStore store = new InMemoryUserTokenStore(2);
        store.put("a", tokens("a"));
        store.put("b", tokens("b"));
        store.get("a"); // a was used more recently than b
        store.put("c", tokens("c"));

        assertEquals(2, store.size());
        assertTrue(store.get("b").isEmpty());
        assertTrue(store.get("a").isPresent());
        assertTrue(store.get("c").isPresent());
    }

    @Test
    void removeForgetsTheUser() {
        InMemoryUserTokenStore store = new InMemoryUserTokenStore();
        store.put("a", tokens("a"));
        store.remove("a");
        store.remove("never-there");
        assertTrue(store.get("a").isEmpty());
    }
}
