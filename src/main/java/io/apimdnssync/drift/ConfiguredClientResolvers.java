package io.apimdnssync.drift;

import io.apimdnssync.config.SyncConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** {@code apim-dns-sync.sweep.resolvers}. */
@ApplicationScoped
@DefaultBean
public class ConfiguredClientResolvers implements ClientResolvers {
    private final List<String> resolvers;

    ConfiguredClientResolvers(SyncConfig config) {
        this.resolvers = config.sweep().resolvers().orElse(List.of()).stream().map(String::trim)
                .filter(r -> !r.isEmpty()).toList();
    }

    @Override
    public List<String> resolvers() {
        return resolvers;
    }
}
