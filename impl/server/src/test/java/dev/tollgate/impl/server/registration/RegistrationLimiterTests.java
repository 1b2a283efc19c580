package dev.tollgate.impl.server.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.impl.protocol.GrantType;
import dev.tollgate.impl.server.registration.RegistrationLimiter.Admission;
import dev.tollgate.impl.server.secret.SecretHash;
import dev.tollgate.impl.server.store.Client;
import dev.tollgate.impl.server.store.ClientDefinition;
import dev.tollgate.impl.server.store.ClientId;
import dev.tollgate.impl.server.store.ClientStore;
import dev.tollgate.impl.server.store.PageRequest;
import dev.tollgate.impl.server.testing.DatabaseTest;
import dev.tollgate.impl.server.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registration rate limit and quota on a real database (H2 and PostgreSQL), alone and under concurrency. */
abstract class RegistrationLimiterTests extends DatabaseTest {

    private static final String ALICE = "alice@example.com";
    private static final Registrar ALICE_REGISTRAR = new Registrar("user:" + ALICE, Optional.of(ALICE), true);

    private final MutableClock clock = MutableClock.startingAt("2030-01-01T00:00:00Z");
    private ClientStore clients;

    @BeforeEach
    void createStore() {
        clients = new ClientStore(dataSource(), clock);
    }

    private RegistrationLimiter limiter(int maxClients, int rate, Duration window) {
        return new RegistrationLimiter(dataSource(), new RegistrationLimits(maxClients, rate, window), clock);
    }

    private Admission<Client> register(RegistrationLimiter limiter, Registrar registrar) {
        ClientDefinition definition = ClientDefinition.builder(ClientId.random()).name("App")
                .secretHash(SecretHash.of("s3cret-0123456789-abcdefghij")).grantTypes(GrantType.CLIENT_CREDENTIALS)
                .owner(registrar.owner().orElse(null)).build();
        return limiter.admit(registrar, connection -> clients.insert(connection, definition));
    }

    private long liveClientsOf(String owner) {
        return clients.listByOwner(owner, new PageRequest(1, 100)).total();
    }

    @Test
    void aBurstOfTheRateLimitPassesThenOneRegistrationPerInterval() {
        RegistrationLimiter limiter = limiter(100, 5, Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Admission.Admitted.class, register(limiter, ALICE_REGISTRAR), "registration " + i);
        }

        Admission<Client> refused = register(limiter, ALICE_REGISTRAR);

        assertEquals(Duration.ofSeconds(12), assertInstanceOf(Admission.RateLimited.class, refused).retryAfter());
        assertEquals(12, ((Admission.RateLimited<Client>) refused).retryAfterSeconds());
        assertEquals(5, liveClientsOf(ALICE), "nothing was created by the refused registration");
        clock.advance(Duration.ofSeconds(11));
        assertInstanceOf(Admission.RateLimited.class, register(limiter, ALICE_REGISTRAR));
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(Admission.Admitted.class, register(limiter, ALICE_REGISTRAR));
        assertInstanceOf(Admission.RateLimited.class, register(limiter, ALICE_REGISTRAR));
    }

    @Test
    void eachRegistrarHasItsOwnRate() {
        RegistrationLimiter limiter = limiter(100, 1, Duration.ofHours(1));
        Registrar registrarClient = new Registrar("client:portal", Optional.empty(), true);

        assertInstanceOf(Admission.Admitted.class, register(limiter, ALICE_REGISTRAR));
        assertInstanceOf(Admission.Admitted.class, register(limiter, registrarClient));
        assertInstanceOf(Admission.RateLimited.class, register(limiter, ALICE_REGISTRAR));
        assertInstanceOf(Admission.RateLimited.class, register(limiter, registrarClient));
    }

    @Test
    void theQuotaCountsTheOwnersLiveClients() {
        RegistrationLimiter limiter = limiter(3, 100, Duration.ofHours(1));
        List<ClientId> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(((Admission.Admitted<Client>) register(limiter, ALICE_REGISTRAR)).value().id());
        }

        assertEquals(3, assertInstanceOf(Admission.QuotaFull.class, register(limiter, ALICE_REGISTRAR)).maxClients());
        assertEquals(3, liveClientsOf(ALICE));

        clients.softDelete(ids.get(0));
        assertInstanceOf(Admission.Admitted.class, register(limiter, ALICE_REGISTRAR), "a deleted client frees a slot");
        Registrar bob = new Registrar("user:bob@example.com", Optional.of("bob@example.com"), true);
        assertInstanceOf(Admission.Admitted.class, register(limiter, bob), "the quota is per owner");
    }

    @Test
    void aRegistrationRefusedByTheQuotaStillSpendsTheRate() {
        RegistrationLimiter limiter = limiter(1, 2, Duration.ofHours(1));

        assertInstanceOf(Admission.Admitted.class, register(limiter, ALICE_REGISTRAR));
        assertInstanceOf(Admission.QuotaFull.class, register(limiter, ALICE_REGISTRAR));
        assertInstanceOf(Admission.RateLimited.class, register(limiter, ALICE_REGISTRAR));
    }

    @Test
    void anAdministratorIsNotLimited() {
        RegistrationLimiter limiter = limiter(1, 1, Duration.ofHours(1));
        Registrar admin = new Registrar("user:root@example.com", Optional.of("root@example.com"), false);

        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Admission.Admitted.class, register(limiter, admin));
        }
        assertEquals(5, liveClientsOf("root@example.com"));
    }

    @Test
    void parallelRegistrationsCannotBothTakeTheLastFreeSlot() throws Exception {
        RegistrationLimiter limiter = limiter(5, 1000, Duration.ofHours(1));
        for (int i = 0; i < 4; i++) {
            register(limiter, ALICE_REGISTRAR);
        }

        List<Admission<Client>> admissions = inParallel(8, () -> register(limiter, ALICE_REGISTRAR));

        assertEquals(1, admissions.stream().filter(Admission.Admitted.class::isInstance).count(), admissions::toString);
        assertEquals(7, admissions.stream().filter(Admission.QuotaFull.class::isInstance).count());
        assertEquals(5, liveClientsOf(ALICE));
    }

    @Test
    void parallelRegistrationsCannotExceedTheRate() throws Exception {
        RegistrationLimiter limiter = limiter(1000, 3, Duration.ofHours(1));
        AtomicInteger created = new AtomicInteger();

        List<Admission<Client>> admissions = inParallel(10, () -> {
            Admission<Client> admission = register(limiter, ALICE_REGISTRAR);
            if (admission instanceof Admission.Admitted<Client>) {
                created.incrementAndGet();
            }
            return admission;
        });

        assertEquals(3, created.get(), admissions::toString);
        assertEquals(7, admissions.stream().filter(Admission.RateLimited.class::isInstance).count());
        assertEquals(3, liveClientsOf(ALICE));
    }

    @Test
    void theFirstRegistrationOfManyParallelNewRegistrarsFindsItsRow() throws Exception {
        RegistrationLimiter limiter = limiter(1000, 1000, Duration.ofHours(1));

        List<Admission<Client>> admissions = inParallel(6, () -> register(limiter, ALICE_REGISTRAR));

        assertTrue(admissions.stream().allMatch(Admission.Admitted.class::isInstance), admissions::toString);
        assertFalse(admissions.isEmpty());
    }

    /** Runs {@code task} on {@code threads} threads released at once. */
    private static <T> List<T> inParallel(int threads, Callable<T> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
