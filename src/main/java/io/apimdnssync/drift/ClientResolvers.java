package io.apimdnssync.drift;

import java.util.List;

/** The resolvers clients use, as {@code ip} or {@code ip:port}: what the DNS sweep asks for every desired name. */
public interface ClientResolvers {
    List<String> resolvers();
}
