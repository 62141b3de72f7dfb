package io.apimdnssync.target;

/** A target could not be read; the message says which zone and why. */
public class TargetException extends RuntimeException {
    public TargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
