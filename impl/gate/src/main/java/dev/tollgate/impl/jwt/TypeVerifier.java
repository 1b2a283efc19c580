package dev.tollgate.impl.jwt;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.Optional;

/**
 * Checks the JOSE {@code typ} header when a type is required (e.g. {@code at+jwt}, RFC 9068 §4), case-insensitively
 * and with or without {@code application/}. Without a required type every {@code typ} passes; Nimbus's own default
 * would refuse anything but {@code JWT}.
 */
final class TypeVerifier implements JOSEObjectTypeVerifier<SecurityContext> {

    /** The token's {@code typ} is missing or not the required one. */
    static final class WrongTypeException extends BadJOSEException {
        WrongTypeException() {
            super("unexpected token type");
        }
    }

    private final Optional<String> requiredType;

    TypeVerifier(Optional<String> requiredType) {
        this.requiredType = requiredType.map(JwtConfig::normaliseType);
    }

    @Override
    public void verify(JOSEObjectType type, SecurityContext context) throws WrongTypeException {
        if (requiredType.isEmpty()) {
            return;
        }
        if (type == null || !requiredType.get().equals(JwtConfig.normaliseType(type.getType()))) {
            throw new WrongTypeException();
        }
    }
}
