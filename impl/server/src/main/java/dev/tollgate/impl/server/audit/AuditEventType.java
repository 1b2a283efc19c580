package dev.tollgate.impl.server.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of audit event, each with its stable dotted name (the {@code type} of the API and of the log line,
 * documented in the README's "Audit trail" table). A name never changes once released: a SIEM rule keys on it.
 */
public enum AuditEventType {
    LOGIN_SUCCEEDED("login.succeeded"),
    LOGIN_FAILED("login.failed"),
    LOGIN_LOCKED("login.locked"),
    REFRESH_TOKEN_REUSED("refresh-token.reused"),
    AUTHORIZATION_CODE_REPLAYED("authorization-code.replayed"),
    CLIENT_CREATED("client.created"),
    CLIENT_UPDATED("client.updated"),
    CLIENT_DELETED("client.deleted"),
    CLIENT_SECRET_ROTATED("client.secret-rotated"),
    USER_CREATED("user.created"),
    USER_DISABLED("user.disabled"),
    USER_ENABLED("user.enabled"),
    USER_PASSWORD_RESET("user.password-reset"),
    USER_ROLES_CHANGED("user.roles-changed"),
    CONSENT_GRANTED("consent.granted"),
    CONSENT_REVOKED("consent.revoked"),
    SIGNING_KEY_ROTATED("signing-key.rotated"),
    REGISTRATION_REFUSED("registration.refused"),
    /** Only when {@code tollgate.server.audit.token-events} is on. */
    TOKEN_ISSUED("token.issued");

    private final String dotted;

    AuditEventType(String dotted) {
        this.dotted = dotted;
    }

    /** The stable name, e.g. {@code user.disabled}. */
    public String dotted() {
        return dotted;
    }

    /** @return the type of a dotted name; empty for anything else */
    public static Optional<AuditEventType> ofDotted(String name) {
        return Arrays.stream(values()).filter(type -> type.dotted.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return dotted;
    }
}
