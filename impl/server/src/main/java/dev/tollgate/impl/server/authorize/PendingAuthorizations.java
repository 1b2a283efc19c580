package dev.tollgate.impl.server.authorize;

import dev.tollgate.impl.server.secret.SecretGenerator;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The pending authorization requests of this node, each under a random 256-bit id, bounded per client address and
 * in total. At a bound a new request is refused, and nothing already pending is evicted: one address cannot push
 * out the requests of others. Each expires after its lifetime. Thread-safe.
 *
 * <p>An IPv6 client counts by its /64 prefix, since one host usually holds a whole /64 (RFC 4291 §2.5.4).
 */
public final class PendingAuthorizations {

    /** How long the user has to log in and consent. */
    public static final Duration LIFETIME = Duration.ofMinutes(15);

    /** Why a request was refused. */
    public enum Bound {
        /** Its client address has {@code max-pending-per-address} pending. */
        ADDRESS,
        /** The node has {@code max-pending} pending. */
        NODE
    }

    /** What {@link #add} decided. */
    public sealed interface Admission {

        /** Kept under {@code id}. */
        record Admitted(String id) implements Admission {
        }

        /** Not kept: a bound is reached. */
        record Refused(Bound bound) implements Admission {
        }
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final int maxPerAddress;
    private final int maxTotal;
    private final Duration lifetime;
    private final Clock clock;
    private final Supplier<String> ids;
    /** In creation order, so that the expired ones are at the head. */
    private final LinkedHashMap<String, PendingAuthorization> pending = new LinkedHashMap<>();
    private final Map<String, Integer> perAddress = new HashMap<>();

    public PendingAuthorizations(int maxPerAddress, int maxTotal, Clock clock) {
        this(maxPerAddress, maxTotal, LIFETIME, clock, new SecretGenerator()::token);
    }

    PendingAuthorizations(int maxPerAddress, int maxTotal, Duration lifetime, Clock clock, Supplier<String> ids) {
        if (maxPerAddress < 1 || maxTotal < maxPerAddress) {
            throw new IllegalArgumentException("need 1 <= maxPerAddress <= maxTotal");
        }
        this.maxPerAddress = maxPerAddress;
        this.maxTotal = maxTotal;
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Keeps a validated request from {@code remoteAddress}, unless its address or the node is at its bound.
     *
     * @param remoteAddress the client's IP address as the container saw it
     */
    public synchronized Admission add(AuthorizationRequest request, String remoteAddress) {
        Instant now = clock.instant();
        removeExpired(now);
        String address = addressKey(remoteAddress);
        if (perAddress.getOrDefault(address, 0) >= maxPerAddress) {
            return new Admission.Refused(Bound.ADDRESS);
        }
        if (pending.size() >= maxTotal) {
            return new Admission.Refused(Bound.NODE);
        }
        String id = ids.get();
        pending.put(id, new PendingAuthorization(request, address, now));
        perAddress.merge(address, 1, Integer::sum);
        return new Admission.Admitted(id);
    }

    /** The pending request, unless unknown or expired. */
    public synchronized Optional<PendingAuthorization> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        PendingAuthorization found = pending.get(id);
        if (found == null) {
            return Optional.empty();
        }
        if (expired(found, clock.instant())) {
            remove(id);
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /** Forgets a request: answered, or pushed out of its own browser session. */
    public synchronized void remove(String id) {
        PendingAuthorization removed = id == null ? null : pending.remove(id);
        if (removed != null) {
            perAddress.computeIfPresent(removed.clientAddress(), (address, count) -> count > 1 ? count - 1 : null);
        }
    }

    /** How many are pending on this node (expired ones not yet removed included). */
    public synchronized int size() {
        return pending.size();
    }

    /** How many are pending from this address (its key, as {@link #addressKey}). */
    synchronized int count(String remoteAddress) {
        return perAddress.getOrDefault(addressKey(remoteAddress), 0);
    }

    private void removeExpired(Instant now) {
        Iterator<Map.Entry<String, PendingAuthorization>> oldest = pending.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, PendingAuthorization> entry = oldest.next();
            if (!expired(entry.getValue(), now)) {
                return;
            }
            oldest.remove();
            perAddress.computeIfPresent(entry.getValue().clientAddress(), (a, count) -> count > 1 ? count - 1 : null);
        }
    }

    private boolean expired(PendingAuthorization entry, Instant now) {
        return !now.isBefore(entry.createdAt().plus(lifetime));
    }

    /**
     * The key an address counts under: an IPv4 address as it is, an IPv6 address by its /64 prefix (an IPv4-mapped
     * one as IPv4), anything else as it is.
     */
    static String addressKey(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isEmpty()) {
            return "";
        }
        if (IPV4.matcher(remoteAddress).matches() || remoteAddress.indexOf(':') < 0) {
            return remoteAddress;
        }
        try {
            // An IPv6 literal (a colon, no letters beyond hex): parsed without any name lookup.
            InetAddress address = InetAddress.getByName(stripZone(remoteAddress));
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return remoteAddress;
        }
    }

    private static String stripZone(String address) {
        String bare = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        int zone = bare.indexOf('%');
        return zone < 0 ? bare : bare.substring(0, zone);
    }
}
