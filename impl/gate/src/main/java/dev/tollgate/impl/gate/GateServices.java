package dev.tollgate.impl.gate;

import dev.tollgate.api.spi.GateObserver;
import dev.tollgate.api.spi.PlainCredentialVerifier;
import dev.tollgate.api.spi.RevocationChecker;
import dev.tollgate.impl.jwt.LocalIssuer;
import dev.tollgate.impl.throttle.AccountLockout;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The application's implementations of the gate's SPIs, each found lazily on first use.
 *
 * @param plainCredentialVerifier checks plain-header credentials; empty: they always fail
 * @param revocationChecker tells revoked tokens; empty: nothing is revoked
 * @param localIssuer the application's own authorization server, whose tokens the gate also accepts; found as a
 *     CDI bean only
 * @param accountLockout the application's own lockout, which plain-header failures then count towards (the
 *     authorization server shares one between its login page, password grant and plain headers); found as a CDI
 *     bean only; empty: the gate's own, from {@code plain-headers.*}
 * @param observer told of the JWK set fetches and the token caches' hits and misses (e.g. the server's metrics);
 *     empty: nobody is told
 */
public record GateServices(Supplier<Optional<PlainCredentialVerifier>> plainCredentialVerifier,
                           Supplier<Optional<RevocationChecker>> revocationChecker,
                           Supplier<Optional<LocalIssuer>> localIssuer,
                           Supplier<Optional<AccountLockout>> accountLockout,
                           Supplier<Optional<GateObserver>> observer) {

    public GateServices {
        Objects.requireNonNull(plainCredentialVerifier, "plainCredentialVerifier");
        Objects.requireNonNull(revocationChecker, "revocationChecker");
        Objects.requireNonNull(localIssuer, "localIssuer");
        Objects.requireNonNull(accountLockout, "accountLockout");
        Objects.requireNonNull(observer, "observer");
    }

    /** Without an observer. */
    public GateServices(Supplier<Optional<PlainCredentialVerifier>> plainCredentialVerifier,
                        Supplier<Optional<RevocationChecker>> revocationChecker,
                        Supplier<Optional<LocalIssuer>> localIssuer,
                        Supplier<Optional<AccountLockout>> accountLockout) {
        this(plainCredentialVerifier, revocationChecker, localIssuer, accountLockout, Optional::empty);
    }

    /** Without an application lockout: the gate keeps its own. */
    public GateServices(Supplier<Optional<PlainCredentialVerifier>> plainCredentialVerifier,
                        Supplier<Optional<RevocationChecker>> revocationChecker,
                        Supplier<Optional<LocalIssuer>> localIssuer) {
        this(plainCredentialVerifier, revocationChecker, localIssuer, Optional::empty);
    }

    /** Fixed SPI implementations, without a local issuer. */
    public GateServices(Supplier<Optional<PlainCredentialVerifier>> plainCredentialVerifier,
                        Supplier<Optional<RevocationChecker>> revocationChecker) {
        this(plainCredentialVerifier, revocationChecker, Optional::empty);
    }

    /**
     * Looks each one up on first use: a CDI bean, else {@link java.util.ServiceLoader} with {@code loader}, and for
     * plain credentials lastly Jakarta Security's identity stores.
     */
    public static GateServices discover(ClassLoader loader) {
        return new GateServices(new MemoizedSupplier<>(() -> SpiLookup.plainCredentialVerifier(loader)),
                new MemoizedSupplier<>(() -> SpiLookup.revocationChecker(loader)),
                new MemoizedSupplier<>(() -> SpiLookup.localIssuer(loader)),
                new MemoizedSupplier<>(() -> SpiLookup.accountLockout(loader)),
                new MemoizedSupplier<>(() -> SpiLookup.gateObserver(loader)));
    }

    /** Fixed implementations; either may be null. */
    public static GateServices of(PlainCredentialVerifier plainCredentialVerifier,
                                  RevocationChecker revocationChecker) {
        Optional<PlainCredentialVerifier> plain = Optional.ofNullable(plainCredentialVerifier);
        Optional<RevocationChecker> revocation = Optional.ofNullable(revocationChecker);
        return new GateServices(() -> plain, () -> revocation);
    }

    public static GateServices none() {
        return of(null, null);
    }
}
