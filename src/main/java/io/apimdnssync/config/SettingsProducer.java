package io.apimdnssync.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Validates the configuration once; an invalid configuration stops the start-up with every problem listed. */
@ApplicationScoped
public class SettingsProducer {

    @Produces
    @Singleton
    Settings settings(SyncConfig config) {
        return ConfigCheck.check(config);
    }
}
