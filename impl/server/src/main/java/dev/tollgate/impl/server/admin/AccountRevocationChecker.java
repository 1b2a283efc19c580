package dev.tollgate.impl.server.admin;

import dev.tollgate.api.Caller;
import dev.tollgate.api.spi.RevocationChecker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A {@link RevocationChecker} that adds account state to a token deny-list: a token is also revoked when its client
 * is retired (deleted by RFC 7592 or the service-client API, or owned by a disabled user) or its subject is a
 * disabled user. The gate asks the same for cached plain-header credentials (token id null).
 *
 * <p><b>Bounded staleness.</b> Each client id and subject is looked up at most once per {@code maxAge} per node
 * (the same bound as the deny-list, {@code tollgate.server.revocation-cache}); so a deletion or a disabling made on
 * any node ends the tokens everywhere within that time. The cache holds at most {@value #MAX_ENTRIES} entries and is
 * emptied when full. A failing lookup throws, and the gate answers 503 rather than admit the token.
 */
public final class AccountRevocationChecker implements RevocationChecker {

    static final int MAX_ENTRIES = 50_000;

    private final RevocationChecker denyList;
    private final Predicate<String> clientRetired;
    private final Predicate<String> subjectDisabled;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Entry> clients = new ConcurrentHashMap<>();
    private final Map<String, Entry> subjects = new ConcurrentHashMap<>();

    /**
     * @param denyList        the revoked-jti check this one adds to
     * @param clientRetired   whether a client id names a retired client
     * @param subjectDisabled whether a subject names a disabled user
     */
    public AccountRevocationChecker(RevocationChecker denyList, Predicate<String> clientRetired,
                                    Predicate<String> subjectDisabled, Duration maxAge, Clock clock) {
        this.denyList = Objects.requireNonNull(denyList, "denyList");
        this.clientRetired = Objects.requireNonNull(clientRetired, "clientRetired");
        this.subjectDisabled = Objects.requireNonNull(subjectDisabled, "subjectDisabled");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean isRevoked(String tokenId, Caller caller) {
        if (denyList.isRevoked(tokenId, caller)) {
            return true;
        }
        if (caller.clientId().isPresent() && cached(clients, caller.clientId().get(), clientRetired)) {
            return true;
        }
        return cached(subjects, caller.subject(), subjectDisabled);
    }

    /** Forgets what is known of this client id or subject, so that the next check on this node reads it afresh. */
    public void invalidate(String clientIdOrSubject) {
        clients.remove(clientIdOrSubject);
        subjects.remove(clientIdOrSubject);
    }

    private boolean cached(Map<String, Entry> cache, String key, Predicate<String> lookup) {
        Instant now = clock.instant();
        Entry entry = cache.get(key);
        if (entry != null && now.isBefore(entry.readAt().plus(maxAge))) {
            return entry.revoked();
        }
        boolean revoked = lookup.test(key);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(key, new Entry(revoked, now));
        return revoked;
    }

    private record Entry(boolean revoked, Instant readAt) {
    }
}
