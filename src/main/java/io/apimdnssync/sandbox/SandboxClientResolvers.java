package io.apimdnssync.sandbox;

import io.apimdnssync.drift.ClientResolvers;
import io.apimdnssync.drift.ConfiguredClientResolvers;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.List;

/** Dev/test: without configured resolvers the DNS sweep asks the sandbox's resolver, as it would 168.63.129.16. */
@ApplicationScoped
@Alternative
@Priority(1)
@IfBuildProfile(anyOf = {"dev", "test"})
public class SandboxClientResolvers implements ClientResolvers {
    @Inject
    ConfiguredClientResolvers configured;
    @Inject
    SandboxDns dns;

    @Override
    public List<String> resolvers() {
        if (!configured.resolvers().isEmpty()) {
            return configured.resolvers();
        }
        return dns.address().map(List::of).orElse(List.of());
    }
}
