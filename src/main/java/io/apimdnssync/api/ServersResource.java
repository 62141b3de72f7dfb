package io.apimdnssync.api;

import io.apimdnssync.provider.DnsProviders;
import io.apimdnssync.provider.rfc2136.Rfc2136Provider;
import io.apimdnssync.provider.rfc2136.ServerStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The RFC 2136 servers: how each zone was last read (AXFR or per-name queries) and its last update result. */
@Path("/api/v1/servers")
@Produces(MediaType.APPLICATION_JSON)
public class ServersResource {
    @Inject
    DnsProviders targets;

    @GET
    public List<ServerStatus> servers() {
        return targets.servers().stream().map(Rfc2136Provider::status).toList();
    }
}
