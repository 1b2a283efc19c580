package dev.tollgate.impl.server.store;

/**
 * A client definition breaks a rule (e.g. a public client with {@code client_credentials}). {@link #field()} names
 * the offending attribute in the words of the client declaration ({@code redirect-uris}, {@code grants}, ...), so
 * that configuration errors can name the key and registration errors the metadata field.
 */
public final class ClientDefinitionException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public ClientDefinitionException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    /** What is wrong, without the field name. */
    public String problem() {
        return problem;
    }
}
