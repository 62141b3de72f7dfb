package io.apimdnssync.azure;

import com.azure.core.management.exception.ManagementException;

/** One-line descriptions of ARM failures: status, ARM error code and message. */
public final class ArmErrors {
    private ArmErrors() {
    }

    public static String describe(String what, Throwable t) {
        if (t instanceof ManagementException m) {
            int status = m.getResponse() == null ? 0 : m.getResponse().getStatusCode();
            String code = m.getValue() == null ? "" : m.getValue().getCode();
            String msg = m.getValue() == null ? m.getMessage() : m.getValue().getMessage();
            return what + " failed: HTTP " + status + (code == null || code.isEmpty() ? "" : " " + code) + ": " + msg;
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return what + " failed: " + msg;
    }

    public static int status(Throwable t) {
        return t instanceof ManagementException m && m.getResponse() != null ? m.getResponse().getStatusCode() : 0;
    }
}
