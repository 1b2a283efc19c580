package dev.tollgate.it.load;

import dev.tollgate.impl.testing.TestTokens;
import java.time.Duration;

/** Prints a test token valid for one hour, for the load runs in bench/ (the IT server trusts the test keys). */
public final class MintToken {

    private MintToken() {
    }

    public static void main(String[] args) {
        String kid = args.length > 0 ? args[0] : "test-rsa-1";
        System.out.println(TestTokens.token().key(kid).subject("load").scope("read").roles("user")
                .expiresIn(Duration.ofHours(1)).sign());
    }
}
