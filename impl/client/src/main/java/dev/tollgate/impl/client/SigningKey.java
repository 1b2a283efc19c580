package dev.tollgate.impl.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.tollgate.impl.config.ConfigurationException;
import dev.tollgate.impl.config.Settings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private key the client signs with (DPoP proofs, RFC 9449; client assertions, RFC 7523), its JWS algorithm and
 * its {@code kid}. Read from configuration under a prefix ({@code dpop.} or {@code client-assertion.}):
 *
 * <ul>
 *   <li>{@code key-file}: a PEM file (a PKCS#8 {@code PRIVATE KEY}, optionally with its {@code PUBLIC KEY} or
 *       {@code CERTIFICATE}), a JWK (JSON, with its private members), or a PKCS#12 / JKS key store;</li>
 *   <li>{@code key-password}: the key store's password (and the key's);</li>
 *   <li>{@code key-alias}: the key store entry; optional when the store holds one key;</li>
 *   <li>{@code key-id}: the {@code kid}; by default the JWK's own, else none;</li>
 *   <li>{@code algorithm}: by default from the key: {@code RS256} for RSA, {@code ES256}/{@code ES384}/{@code ES512}
 *       for P-256/P-384/P-521; {@code PS256} etc. may be chosen for RSA.</li>
 * </ul>
 * Every error names the key, never the password or key material.
 */
record SigningKey(JWK jwk, JWSAlgorithm algorithm, Optional<String> keyId, JWSSigner signer) {

    private static final List<JWSAlgorithm> RSA = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    /** The public half, as sent in a DPoP proof's {@code jwk} header (RFC 9449 §4.2). */
    JWK publicJwk() {
        return jwk.toPublicJWK();
    }

    /** A fresh EC P-256 key of this process alone (the DPoP default). */
    static SigningKey generatedP256() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).generate();
            return new SigningKey(key, JWSAlgorithm.ES256, Optional.empty(), new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("this JDK cannot generate an EC P-256 key", e);
        }
    }

    /**
     * The key configured under {@code prefix} (e.g. {@code dpop.}); empty when its {@code key-file} is not set.
     */
    static Optional<SigningKey> read(Settings s, String prefix) {
        Optional<String> file = s.string(prefix + "key-file");
        if (file.isEmpty()) {
            for (String other : List.of("key-password", "key-alias", "key-id", "algorithm")) {
                if (s.string(prefix + other).isPresent()) {
                    throw new ConfigurationException(s.key(prefix + other), "is set, but " + s.key(prefix
                            + "key-file") + " is not");
                }
            }
            return Optional.empty();
        }
        String fileKey = s.key(prefix + "key-file");
        Optional<char[]> password = s.secret(prefix + "key-password");
        Optional<String> alias = s.string(prefix + "key-alias");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(file.get()));
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(fileKey, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        JWK jwk = parse(fileKey, bytes, password, alias, s.key(prefix + "key-alias"),
                s.key(prefix + "key-password"));
        Optional<String> keyId = s.string(prefix + "key-id").or(() -> Optional.ofNullable(jwk.getKeyID()));
        JWSAlgorithm algorithm = algorithm(s.key(prefix + "algorithm"), s.string(prefix + "algorithm"), jwk,
                fileKey);
        return Optional.of(of(jwk, algorithm, keyId, fileKey));
    }

    /** A signing key from a private JWK; {@code algorithm} must suit it. */
    static SigningKey of(JWK jwk, JWSAlgorithm algorithm, Optional<String> keyId, String keyName) {
        try {
            JWSSigner signer;
            if (jwk instanceof RSAKey rsa) {
                if (rsa.size() < 2048) {
                    throw new ConfigurationException(keyName, "holds an RSA key of " + rsa.size()
                            + " bits; at least 2048 are required");
                }
                signer = new RSASSASigner(rsa);
            } else if (jwk instanceof ECKey ec) {
                signer = new ECDSASigner(ec);
            } else {
                throw new ConfigurationException(keyName, "holds a " + jwk.getKeyType() + " key; RSA or EC is"
                        + " required");
            }
            return new SigningKey(jwk, algorithm, keyId, signer);
        } catch (JOSEException e) {
            throw new ConfigurationException(keyName, "holds a key that cannot sign (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    static JWSAlgorithm algorithm(String algorithmKey, Optional<String> configured, JWK jwk, String keyName) {
        if (jwk instanceof RSAKey) {
            if (configured.isEmpty()) {
                return JWSAlgorithm.RS256;
            }
            JWSAlgorithm alg = JWSAlgorithm.parse(configured.get().toUpperCase(Locale.ROOT));
            if (!RSA.contains(alg)) {
                throw new ConfigurationException(algorithmKey, "must be one of " + RSA + " for an RSA key, was '"
                        + configured.get() + "'");
            }
            return alg;
        }
        if (jwk instanceof ECKey ec) {
            JWSAlgorithm alg;
            if (Curve.P_256.equals(ec.getCurve())) {
                alg = JWSAlgorithm.ES256;
            } else if (Curve.P_384.equals(ec.getCurve())) {
                alg = JWSAlgorithm.ES384;
            } else if (Curve.P_521.equals(ec.getCurve())) {
                alg = JWSAlgorithm.ES512;
            } else {
                throw new ConfigurationException(keyName, "holds an EC key on curve " + ec.getCurve()
                        + "; P-256, P-384 or P-521 is required");
            }
            if (configured.isPresent() && !JWSAlgorithm.parse(configured.get().toUpperCase(Locale.ROOT))
                    .equals(alg)) {
                throw new ConfigurationException(algorithmKey, "must be " + alg + " for a key on "
                        + ec.getCurve() + ", was '" + configured.get() + "'");
            }
            return alg;
        }
        throw new ConfigurationException(keyName, "holds a " + jwk.getKeyType() + " key; RSA or EC is required");
    }

    /** PEM, JWK JSON, or a key store, told apart by their content. */
    static JWK parse(String fileKey, byte[] bytes, Optional<char[]> password, Optional<String> alias,
                     String aliasKey, String passwordKey) {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        JWK jwk;
        if (text.startsWith("{")) {
            try {
                jwk = JWK.parse(text);
            } catch (ParseException e) {
                throw new ConfigurationException(fileKey, "is not a valid JWK");
            }
        } else if (text.contains("-----BEGIN ")) {
            jwk = pem(fileKey, text);
        } else {
            jwk = keyStore(fileKey, bytes, password, alias, aliasKey, passwordKey);
        }
        if (!jwk.isPrivate()) {
            throw new ConfigurationException(fileKey, "holds a public key only; the private key is required");
        }
        return jwk;
    }

    private static JWK pem(String fileKey, String text) {
        Matcher m = PEM_BLOCK.matcher(text);
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        while (m.find()) {
            String type = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(fileKey, "has a PEM block that is not base64");
            }
            try {
                switch (type) {
                    case "PRIVATE KEY" -> privateKey = pkcs8(der);
                    case "PUBLIC KEY" -> publicKey = x509Key(der);
                    case "CERTIFICATE" -> publicKey = CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
                    case "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" -> throw new
                            ConfigurationException(fileKey, "holds a '" + type + "' block; convert it to an"
                            + " unencrypted PKCS#8 'PRIVATE KEY' (openssl pkcs8 -topk8 -nocrypt)");
                    default -> {
                        // other blocks (parameters, chains) are of no use here
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new ConfigurationException(fileKey, "has a '" + type + "' block that cannot be read");
            }
        }
        if (privateKey == null) {
            throw new ConfigurationException(fileKey, "has no PEM 'PRIVATE KEY' block");
        }
        return jwk(fileKey, privateKey, publicKey);
    }

    /** The JWK of a private key and, when known, its public key (else derived or read from the encoding). */
    private static JWK jwk(String fileKey, PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey instanceof RSAPrivateCrtKey rsa) {
            RSAPublicKey pub = publicKey instanceof RSAPublicKey p ? p : rsaPublic(rsa);
            if (!pub.getModulus().equals(rsa.getModulus())) {
                throw new ConfigurationException(fileKey, "has a public key that does not match its private key");
            }
            return new RSAKey.Builder(pub).privateKey(rsa).build();
        }
        if (privateKey instanceof ECPrivateKey ec) {
            ECPublicKey pub = publicKey instanceof ECPublicKey p ? p : embeddedEcPublic(fileKey, ec);
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new ConfigurationException(fileKey, "holds an EC key on an unsupported curve");
            }
            return new ECKey.Builder(curve, pub).privateKey(ec).build();
        }
        throw new ConfigurationException(fileKey, "holds a " + privateKey.getAlgorithm() + " key; RSA or EC is"
                + " required");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static PublicKey x509Key(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static RSAPublicKey rsaPublic(RSAPrivateCrtKey rsa) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The public point that a PKCS#8 EC key carries in its SEC 1 {@code ECPrivateKey} ({@code publicKey [1]}, which
     * OpenSSL always writes). The JDK cannot derive it from the private scalar.
     */
    private static ECPublicKey embeddedEcPublic(String fileKey, ECPrivateKey ec) {
        byte[] der = ec.getEncoded();
        int fieldBytes = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        // the uncompressed point: BIT STRING, 0 unused bits, 0x04, X, Y — found by its [1] tag (0xA1)
        for (int i = 0; i + 4 < der.length; i++) {
            if ((der[i] & 0xFF) != 0xA1) {
                continue;
            }
            int at = i + 2;
            if ((der[i + 1] & 0xFF) == 0x81) {
                at++;
            }
            if (at + 3 + 2 * fieldBytes <= der.length && der[at] == 0x03 && der[at + 2] == 0x00
                    && der[at + 3] == 0x04) {
                int from = at + 4;
                BigInteger x = new BigInteger(1, Arrays.copyOfRange(der, from, from + fieldBytes));
                BigInteger y = new BigInteger(1, Arrays.copyOfRange(der, from + fieldBytes, from + 2 * fieldBytes));
                try {
                    return (ECPublicKey) KeyFactory.getInstance("EC")
                            .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), ec.getParams()));
                } catch (GeneralSecurityException e) {
                    break;
                }
            }
        }
        throw new ConfigurationException(fileKey, "holds an EC private key without its public key; add the"
                + " 'PUBLIC KEY' block to the file");
    }

    private static JWK keyStore(String fileKey, byte[] bytes, Optional<char[]> password, Optional<String> alias,
                                String aliasKey, String passwordKey) {
        if (password.isEmpty()) {
            throw new ConfigurationException(passwordKey, "is required: " + fileKey + " is a key store");
        }
        KeyStore store = null;
        for (String type : List.of("PKCS12", "JKS")) {
            try {
                KeyStore candidate = KeyStore.getInstance(type);
                candidate.load(new ByteArrayInputStream(bytes), password.get());
                store = candidate;
                break;
            } catch (IOException e) {
                if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                    throw new ConfigurationException(passwordKey, "does not open " + fileKey);
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this type
            }
        }
        if (store == null) {
            throw new ConfigurationException(fileKey, "is neither a PEM file, a JWK nor a PKCS#12 or JKS key store"
                    + " that " + passwordKey + " opens");
        }
        try {
            String entry;
            if (alias.isPresent()) {
                entry = alias.get();
                if (!store.isKeyEntry(entry)) {
                    throw new ConfigurationException(aliasKey, "names no key entry in " + fileKey);
                }
            } else {
                KeyStore opened = store;
                List<String> keys = Collections.list(store.aliases()).stream().filter(a -> isKey(opened, a)).toList();
                if (keys.size() != 1) {
                    throw new ConfigurationException(aliasKey, "is required: " + fileKey + " holds " + keys.size()
                            + " keys");
                }
                entry = keys.get(0);
            }
            if (!(store.getKey(entry, password.get()) instanceof PrivateKey privateKey)) {
                throw new ConfigurationException(fileKey, "holds no private key under alias '" + entry + "'");
            }
            java.security.cert.Certificate certificate = store.getCertificate(entry);
            return jwk(fileKey, privateKey, certificate == null ? null : certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(passwordKey, "does not open the key in " + fileKey);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + jwk.getKeyType() + ", " + algorithm + ", kid=" + keyId.orElse("none") + "]";
    }
}
