package io.apimdnssync.config;

import com.azure.core.management.AzureEnvironment;

/** The Azure clouds the daemon knows by name; {@code custom} takes an endpoint and audience from configuration. */
public enum AzureCloud {
    PUBLIC("public", AzureEnvironment.AZURE),
    CHINA("china", AzureEnvironment.AZURE_CHINA),
    US_GOVERNMENT("us-government", AzureEnvironment.AZURE_US_GOVERNMENT),
    CUSTOM("custom", null);

    private final String wire;
    private final AzureEnvironment environment;

    AzureCloud(String wire, AzureEnvironment environment) {
        this.wire = wire;
        this.environment = environment;
    }

    public String wire() {
        return wire;
    }

    /** The SDK environment of a named cloud; {@code custom} has none. */
    public java.util.Optional<AzureEnvironment> environment() {
        return java.util.Optional.ofNullable(environment);
    }
}
