package dev.tollgate.impl.protocol;

/**
 * A protocol message that cannot be read: not a JSON object, a required member missing, or a member of the wrong
 * type. The message names the member, never its value (a value may be a token). The only exception the parsers of
 * this package throw.
 */
public final class MessageParseException extends Exception {

    public MessageParseException(String message) {
        super(message, null, false, false);
    }
}
