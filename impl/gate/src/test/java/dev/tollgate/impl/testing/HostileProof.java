package dev.tollgate.impl.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import dev.tollgate.api.error.ProblemType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * The catalogue of broken DPoP proofs (RFC 9449 §4.3, one rule each), for a token bound to {@link TestProofs#EC}.
 * Each entry makes its proof for a request (method, URI, token) and says the problem the gate must answer with.
 * Run through the unit tests and the integration tests alike. Assumes the gate's defaults: proofs up to 60 s old
 * plus the clock skew of 30 s, and {@code ES256, RS256, PS256, EdDSA}.
 */
public enum HostileProof {
    GARBAGE(ProblemType.DPOP_PROOF_MALFORMED) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return "not-a-proof";
        }
    },
    HEADER_NOT_JSON(ProblemType.DPOP_PROOF_MALFORMED) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            String good = good(now, method, uri, token).sign();
            return Base64URL.encode("{not json") + good.substring(good.indexOf('.'));
        }
    },
    TOO_LARGE(ProblemType.DPOP_PROOF_TOO_LARGE) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).claim("padding", "x".repeat(9000)).sign();
        }
    },
    WRONG_TYPE(ProblemType.DPOP_PROOF_TYPE) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).type("JWT").sign();
        }
    },
    NO_TYPE(ProblemType.DPOP_PROOF_TYPE) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).type(null).sign();
        }
    },
    ALG_NONE(ProblemType.DPOP_PROOF_ALGORITHM) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).algorithm(new JWSAlgorithm("none")).sign();
        }
    },
    HMAC(ProblemType.DPOP_PROOF_ALGORITHM) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            try {
                return good(now, method, uri, token).algorithm(JWSAlgorithm.HS256)
                        .signer(new MACSigner("a-shared-secret-of-at-least-32-bytes!!")).sign();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    },
    NO_JWK(ProblemType.DPOP_PROOF_KEY) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).header("jwk", null).sign();
        }
    },
    PRIVATE_KEY_IN_JWK(ProblemType.DPOP_PROOF_KEY) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).header("jwk", TestProofs.EC.toJSONObject()).sign();
        }
    },
    JWK_UNFIT_FOR_ALG(ProblemType.DPOP_PROOF_KEY) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            // ES256 claimed, an RSA key offered
            return good(now, method, uri, token).header("jwk", TestProofs.RSA.toPublicJWK().toJSONObject()).sign();
        }
    },
    BAD_SIGNATURE(ProblemType.DPOP_PROOF_SIGNATURE) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            try {
                return good(now, method, uri, token)
                        .signer(new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate())).sign();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    },
    NO_JTI(ProblemType.DPOP_PROOF_MALFORMED) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).without("jti").sign();
        }
    },
    NO_HTM(ProblemType.DPOP_PROOF_MALFORMED) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).without("htm").sign();
        }
    },
    NO_HTU(ProblemType.DPOP_PROOF_MALFORMED) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).without("htu").sign();
        }
    },
    NO_IAT(ProblemType.DPOP_PROOF_MALFORMED) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).without("iat").sign();
        }
    },
    IAT_NOT_A_NUMBER(ProblemType.DPOP_PROOF_MALFORMED) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).claim("iat", "yesterday").sign();
        }
    },
    WRONG_METHOD(ProblemType.DPOP_PROOF_METHOD) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).method("GET".equals(method) ? "POST" : "GET").sign();
        }
    },
    LOWER_CASE_METHOD(ProblemType.DPOP_PROOF_METHOD) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).method(method.toLowerCase(java.util.Locale.ROOT)).sign();
        }
    },
    WRONG_SCHEME(ProblemType.DPOP_PROOF_URI) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            String other = uri.startsWith("https:") ? "http:" + uri.substring(6) : "https:" + uri.substring(5);
            return good(now, method, other, token).sign();
        }
    },
    WRONG_HOST(ProblemType.DPOP_PROOF_URI) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            URI u = URI.create(uri);
            return good(now, method, u.getScheme() + "://other.example.com" + (u.getPort() < 0 ? "" : ":"
                    + u.getPort()) + u.getRawPath(), token).sign();
        }
    },
    WRONG_PORT(ProblemType.DPOP_PROOF_URI) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            URI u = URI.create(uri);
            return good(now, method, u.getScheme() + "://" + u.getHost() + ":8444" + u.getRawPath(), token).sign();
        }
    },
    WRONG_PATH(ProblemType.DPOP_PROOF_URI) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri + "/other", token).sign();
        }
    },
    STALE(ProblemType.DPOP_PROOF_STALE) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).issuedAt(now.minus(Duration.ofSeconds(120))).sign();
        }
    },
    FUTURE(ProblemType.DPOP_PROOF_FUTURE) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).issuedAt(now.plus(Duration.ofSeconds(60))).sign();
        }
    },
    NO_ATH(ProblemType.DPOP_PROOF_TOKEN_HASH) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).without("ath").sign();
        }
    },
    WRONG_ATH(ProblemType.DPOP_PROOF_TOKEN_HASH) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return good(now, method, uri, token).token(token + "x").sign();
        }
    },
    KEY_NOT_THE_TOKENS(ProblemType.DPOP_KEY_BINDING) {
        @Override
        String make(Instant now, String method, String uri, String token) {
            return TestProofs.proof(TestProofs.RSA, now).method(method).uri(uri).token(token).sign();
        }
    };

    private final ProblemType expected;

    HostileProof(ProblemType expected) {
        this.expected = expected;
    }

    /** The problem the gate answers this proof with. */
    public ProblemType expected() {
        return expected;
    }

    /** The broken proof for a request of {@code method} to {@code uri} with {@code token} (bound to the EC key). */
    public String proof(Instant now, String method, String uri, String token) {
        return make(now, method, uri, token);
    }

    abstract String make(Instant now, String method, String uri, String token);

    /** The good proof every entry starts from. */
    static TestProofs.Builder good(Instant now, String method, String uri, String token) {
        return TestProofs.proof(TestProofs.EC, now).method(method).uri(uri).token(token);
    }
}
