package dev.tollgate.it.load;

import dev.tollgate.impl.testing.TestTokens;
import java.time.Duration;

/**
 * Prints test tokens for the load runs in bench/ (the IT server trusts the test keys): {@code MintToken [kid
 * [count [hours]]]} prints {@code count} distinct tokens (each its own {@code jti}), one per line, valid for
 * {@code hours} (default: one token, one hour).
 */
public final class MintToken {

    private MintToken() {
    }

    public static void main(String[] args) {
        String kid = args.length > 0 ? args[0] : "test-rsa-1";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Duration lifetime = Duration.ofHours(args.length > 2 ? Long.parseLong(args[2]) : 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(TestTokens.token().key(kid).subject("load").scope("read").roles("user")
                    .expiresIn(lifetime).sign()).append('\n');
            if (out.length() > 1 << 20) {
                System.out.print(out);
                out.setLength(0);
            }
        }
        System.out.print(out);
        System.out.flush();
    }
}
