package io.apimdnssync.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Test profiles for the configuration choices that change behaviour. */
public final class PolicyProfiles {
    private PolicyProfiles() {
    }

    public static class UpsertOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.policy", "upsert-only");
        }
    }

    public static class Observe implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.mode", "observe");
        }
    }

    public static class Guarded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.guard.min-owned", "5", "apim-dns-sync.guard.max-delete-share", "0.5");
        }
    }

    public static class RemoveWhenNotInternal implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.non-internal-records", "remove");
        }
    }
}
