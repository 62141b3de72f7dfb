package io.apimdnssync.source;

/** A read of ARM failed; what was being read and why are in the message. */
public class SourceException extends RuntimeException {
    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
