package dev.tollgate.impl.testing;

import dev.tollgate.api.spi.GateObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A {@link GateObserver} that writes down the cache look-ups it is told of, as {@code "token hit"} and the like. */
public final class RecordingObserver implements GateObserver {

    private final List<String> events = new ArrayList<>();

    @Override
    public void checked(String outcome, long nanos) {
    }

    @Override
    public synchronized void introspectionCacheLookedUp(boolean hit) {
        events.add("introspection " + (hit ? "hit" : "miss"));
    }

    @Override
    public synchronized void tokenCacheLookedUp(boolean hit) {
        events.add("token " + (hit ? "hit" : "miss"));
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    public Supplier<Optional<GateObserver>> supplier() {
        Optional<GateObserver> self = Optional.of(this);
        return () -> self;
    }
}
