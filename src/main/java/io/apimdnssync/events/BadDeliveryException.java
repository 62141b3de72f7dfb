package io.apimdnssync.events;

/** A delivery that cannot be read: malformed JSON, wrong schema. The message says what is wrong. */
public class BadDeliveryException extends RuntimeException {
    public BadDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public BadDeliveryException(String message) {
        super(message);
    }
}
