package io.apimdnssync.drift;

import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.desired.DesiredRecord;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.provider.DnsProviders;
import io.apimdnssync.provider.NameAnswer;
import io.apimdnssync.provider.NameLookup;
import io.apimdnssync.provider.rfc2136.Rfc2136Provider;
import io.apimdnssync.reconcile.InstanceReport;
import io.apimdnssync.reconcile.StatusStore;
import io.apimdnssync.reconcile.Trigger;
import io.apimdnssync.reconcile.WorkQueue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.xbill.DNS.SimpleResolver;

/**
 * The DNS sweep: every desired name of every published instance is asked of the RFC 2136 servers whose zones hold it
 * and of the resolvers clients use — zero ARM reads. An answer that differs from the desired addresses enqueues a
 * keyed pass for the instance, which reads its zones, repairs what it owns and classifies the rest. The same answer
 * is not chased again once a pass after it left the name untouched (a foreign record, observe mode, a stale
 * resolver): those stay drift items until they change. Queries run on a bounded pool with a per-query timeout; a
 * sweep never overlaps the previous one.
 */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class DnsSweep {
    private static final Logger LOG = Logger.getLogger(DnsSweep.class);

    private final SyncConfig config;
    private final DnsProviders providers;
    private final ClientResolvers clientResolvers;
    private final StatusStore status;
    private final WorkQueue queue;
    private final DriftEpisodes episodes;
    private final MeterRegistry registry;
    private final Timer duration;
    private final Counter skipped;
    private final Counter passes;
    private final Counter failures;
    private final ExecutorService pool;
    private final ReentrantLock running = new ReentrantLock();
    /** Per instance: the mismatches a keyed pass was enqueued for, and when. */
    private final Map<String, Map<String, Instant>> chased = new HashMap<>();
    private Set<String> failing = Set.of();

    DnsSweep(SyncConfig config, DnsProviders providers, ClientResolvers clientResolvers, StatusStore status,
            WorkQueue queue, DriftEpisodes episodes, MeterRegistry registry) {
        this.config = config;
        this.providers = providers;
        this.clientResolvers = clientResolvers;
        this.status = status;
        this.queue = queue;
        this.episodes = episodes;
        this.registry = registry;
        this.duration = Timer.builder("apim.dns.sync.dns.sweep.duration").description("DNS sweeps")
                .register(registry);
        this.skipped = Counter.builder("apim.dns.sync.dns.sweeps.skipped")
                .description("DNS sweeps not started because the previous one still ran").register(registry);
        this.passes = Counter.builder("apim.dns.sync.dns.sweep.passes")
                .description("keyed passes the DNS sweep enqueued").register(registry);
        this.failures = Counter.builder("apim.dns.sync.dns.sweep.failures")
                .description("DNS sweeps that failed as a whole").register(registry);
        for (String outcome : List.of("match", "mismatch", "failed")) {
            queries(outcome);
        }
        int threads = config.sweep().concurrency();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dns-sweep");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** What one sweep did. */
    public record Result(boolean ran, int queries, List<DnsObservation> mismatches, Set<String> enqueued) {
    }

    @Scheduled(identity = "dns-sweep", every = "${apim-dns-sync.sweep.interval}",
            delayed = "${apim-dns-sync.sweep.interval}", skipExecutionIf = Disabled.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sweep();
        } catch (RuntimeException ex) {
            failures.increment();
            LOG.errorf(ex, "DNS sweep failed; the next sweep and the resync carry on");
        }
    }

    /** One sweep, now; returns at once (ran=false) when another is still running. */
    public Result sweep() {
        if (!running.tryLock()) {
            skipped.increment();
            return new Result(false, 0, List.of(), Set.of());
        }
        try {
            return duration.record((Supplier<Result>) this::once);
        } finally {
            running.unlock();
        }
    }

    private Result once() {
        Instant at = Instant.now();
        List<InstanceReport> published = status.instances().stream()
                .filter(r -> r.desire().verdict() == InstanceDesire.Verdict.PUBLISH).toList();
        Map<String, CompletableFuture<NameAnswer>> asked = ask(published);
        List<DnsObservation> all = new ArrayList<>();
        Set<String> enqueued = new LinkedHashSet<>();
        Map<String, String> nowFailing = new java.util.TreeMap<>();
        int failed = 0;
        for (InstanceReport r : published) {
            List<DnsObservation> mismatches = new ArrayList<>();
            for (DesiredRecord rec : r.desire().records()) {
                for (String endpoint : endpoints(rec.fqdn())) {
                    NameAnswer answer = asked.get(endpoint + "|" + rec.fqdn()).join();
                    if (!answer.matches(rec.ips())) {
                        boolean resolver = endpoint.startsWith("resolver ");
                        mismatches.add(new DnsObservation(r.instance(), endpoint, rec.fqdn(), rec.ips(), answer,
                                resolver));
                        if (!answer.answered()) {
                            nowFailing.putIfAbsent(endpoint, answer.describe());
                            failed++;
                        }
                    }
                }
            }
            if (chase(r, mismatches, at)) {
                enqueued.add(r.instance());
            }
            episodes.swept(r.instance(), mismatches, r, at);
            all.addAll(mismatches);
        }
        Set<String> keys = new LinkedHashSet<>();
        published.forEach(r -> keys.add(r.instance()));
        synchronized (chased) {
            chased.keySet().retainAll(keys);
        }
        enqueued.forEach(k -> queue.reconcile(k, Trigger.of("dns-sweep"), false));
        passes.increment(enqueued.size());
        report(nowFailing, failed, asked.size());
        return new Result(true, asked.size(), List.copyOf(all), Set.copyOf(enqueued));
    }

    /**
     * Whether a mismatch deserves a keyed pass: not if one was already enqueued for the same answer and either has
     * not run yet, or ran and left the name untouched (another pass would find the same).
     */
    private boolean chase(InstanceReport last, List<DnsObservation> mismatches, Instant at) {
        synchronized (chased) {
            Map<String, Instant> before = chased.getOrDefault(last.instance(), Map.of());
            Map<String, Instant> now = new LinkedHashMap<>();
            boolean enqueue = false;
            for (DnsObservation m : mismatches) {
                if (m.resolver() && !m.answer().answered()) {
                    continue; // a resolver that does not answer says nothing about the zones
                }
                Instant when = before.get(m.key());
                boolean touched = last.applied().stream().anyMatch(c -> c.fqdn().equals(m.fqdn()));
                if (when == null || (last.at().isAfter(when) && touched)) {
                    enqueue = true;
                    when = at;
                }
                now.put(m.key(), when);
            }
            if (now.isEmpty()) {
                chased.remove(last.instance());
            } else {
                chased.put(last.instance(), now);
            }
            return enqueue;
        }
    }

    /** Each distinct (endpoint, name) once, on the bounded pool. */
    private Map<String, CompletableFuture<NameAnswer>> ask(List<InstanceReport> published) {
        Map<String, SimpleResolver> resolvers = new HashMap<>();
        Map<String, String> unusable = new HashMap<>();
        for (String spec : clientResolvers.resolvers()) {
            try {
                resolvers.put("resolver " + spec, NameLookup.resolver(spec, config.sweep().timeout()));
            } catch (IOException | IllegalArgumentException e) {
                unusable.put("resolver " + spec, "resolver address not usable: " + e.getMessage());
            }
        }
        Map<String, Rfc2136Provider> servers = new HashMap<>();
        providers.servers().forEach(s -> servers.put(s.name(), s));
        Map<String, CompletableFuture<NameAnswer>> out = new HashMap<>();
        for (InstanceReport r : published) {
            for (DesiredRecord rec : r.desire().records()) {
                for (String endpoint : endpoints(rec.fqdn())) {
                    out.computeIfAbsent(endpoint + "|" + rec.fqdn(), k -> {
                        if (unusable.containsKey(endpoint)) {
                            return CompletableFuture.completedFuture(NameAnswer.failed(unusable.get(endpoint)));
                        }
                        Supplier<NameAnswer> query = servers.containsKey(endpoint)
                                ? () -> servers.get(endpoint).ask(rec.fqdn())
                                : () -> NameLookup.ask(resolvers.get(endpoint), rec.fqdn(), false);
                        return CompletableFuture.supplyAsync(() -> counted(query.get(), rec.ips()), pool);
                    });
                }
            }
        }
        return out;
    }

    private NameAnswer counted(NameAnswer a, List<String> expected) {
        queries(a.matches(expected) ? "match" : a.answered() ? "mismatch" : "failed").increment();
        return a;
    }

    /** Where a name is asked: the RFC 2136 servers with a zone holding it, and every client resolver. */
    private List<String> endpoints(String fqdn) {
        List<String> out = new ArrayList<>();
        providers.servers().stream().filter(s -> s.zones().stream().anyMatch(z -> z.covers(fqdn)))
                .forEach(s -> out.add(s.name()));
        clientResolvers.resolvers().forEach(r -> out.add("resolver " + r));
        return out;
    }

    /** One line when the set of failing endpoints changes, not one per sweep. */
    private void report(Map<String, String> nowFailing, int failed, int queries) {
        if (!nowFailing.keySet().equals(failing)) {
            if (nowFailing.isEmpty()) {
                LOG.infof("DNS sweep: every endpoint answers again (%d queries)", queries);
            } else {
                var first = nowFailing.entrySet().iterator().next();
                LOG.warnf("DNS sweep: %d answers missing from %s, first: %s from %s", failed, nowFailing.keySet(),
                        first.getValue(), first.getKey());
            }
            failing = Set.copyOf(nowFailing.keySet());
        }
    }

    private Counter queries(String outcome) {
        return Counter.builder("apim.dns.sync.dns.sweep.queries").description("DNS sweep queries by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /** {@code sweep.enabled=false}: no sweeps. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {
        private final SyncConfig config;

        Disabled(SyncConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.sweep().enabled();
        }
    }
}
