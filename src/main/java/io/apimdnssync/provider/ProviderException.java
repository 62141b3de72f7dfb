package io.apimdnssync.provider;

/** A provider could not be read; the message says which zone and why. */
public class ProviderException extends RuntimeException {
    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
