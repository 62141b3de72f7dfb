package io.apimdnssync.drift;

import io.apimdnssync.config.ScheduleSwitch;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.desired.DesiredRecord;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.provider.DnsProviders;
import io.apimdnssync.provider.NameAnswer;
import io.apimdnssync.provider.NameLookup;
import io.apimdnssync.reconcile.InstanceReport;
import io.apimdnssync.reconcile.Leadership;
import io.apimdnssync.reconcile.StatusStore;
import io.apimdnssync.reconcile.Trigger;
import io.apimdnssync.reconcile.WorkQueue;
import io.apimdnssync.source.InstanceRead;
import io.apimdnssync.source.ProvisioningPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.SkippedExecution;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.xbill.DNS.SimpleResolver;

/**
 * The DNS sweep: every desired name of every instance is asked of the RFC 2136 servers whose zones hold it and of
 * the resolvers clients use — zero ARM reads. An answer that differs from the desired addresses enqueues a keyed pass
 * for the instance, which reads its zones, repairs what it owns and classifies the rest (see {@link SweepChases} for
 * when an answer is not chased again). Queries run on a bounded pool with a per-query timeout; a sweep never overlaps
 * the previous one. While ARM cannot be read, the instance's last published desire is still swept; an instance whose
 * update runs is not.
 */
@Startup
@ApplicationScoped
public class DnsSweep {
    private static final Logger LOG = Logger.getLogger(DnsSweep.class);
    /** Consecutive sweeps in which an endpoint did not answer before it is {@code target-unreachable}. */
    static final int UNREACHABLE_AFTER = 2;

    private final SyncConfig config;
    private final DnsProviders providers;
    private final ClientResolvers clientResolvers;
    private final StatusStore status;
    private final WorkQueue queue;
    private final DriftEpisodes episodes;
    private final Leadership leadership;
    private final MeterRegistry registry;
    private final Timer duration;
    private final Counter skipped;
    private final Counter passes;
    private final Counter failures;
    private final ExecutorService pool;
    private final ReentrantLock running = new ReentrantLock();
    private final SweepChases chases;
    /** The last report with a published desire, per instance: swept while ARM reads fail. */
    private final Map<String, InstanceReport> published = new HashMap<>();
    private final Map<String, Integer> failedSweeps = new HashMap<>();
    private boolean warnedNothingToAsk;
    /** Shutting down: no sweep starts (a query now would start resolver threads the JVM then waits for). */
    private volatile boolean stopped;

    DnsSweep(SyncConfig config, DnsProviders providers, ClientResolvers clientResolvers, StatusStore status,
            WorkQueue queue, DriftEpisodes episodes, MeterRegistry registry, Leadership leadership) {
        this.config = config;
        this.leadership = leadership;
        this.providers = providers;
        this.clientResolvers = clientResolvers;
        this.status = status;
        this.queue = queue;
        this.episodes = episodes;
        this.registry = registry;
        this.chases = new SweepChases(config.sweep().cacheGrace().orElse(Duration.ofSeconds(config.ttl())));
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
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(config.sweep().concurrency(), r -> {
            Thread t = new Thread(r, "dns-sweep-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        stopped = true;
        pool.shutdownNow();
    }

    /** What one sweep did. */
    public record Result(boolean ran, int queries, List<DnsObservation> mismatches, Set<String> enqueued) {
    }

    @Scheduled(identity = ScheduleSwitch.DNS_SWEEP, every = "${apim-dns-sync.sweep.interval}",
            delayed = "${apim-dns-sync.sweep.interval}", skipExecutionIf = ScheduleSwitch.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sweep();
        } catch (RuntimeException ex) {
            if (stopped) {
                return; // cut short by the shutdown
            }
            failures.increment();
            LOG.errorf(ex, "DNS sweep failed; the next sweep and the resync carry on");
        }
    }

    /** A scheduled sweep the scheduler skipped because the previous one still ran. */
    void onSkipped(@Observes SkippedExecution e) {
        if (e.getExecution().getTrigger().getId().equals(ScheduleSwitch.DNS_SWEEP) && config.sweep().enabled()) {
            skipped.increment();
        }
    }

    /** One sweep, now; returns at once (ran=false) when another is still running. */
    public Result sweep() {
        if (stopped || !leadership.leading()) { // a follower neither chases nor alerts: the leader does
            return new Result(false, 0, List.of(), Set.of());
        }
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

    /** Queries in a row an endpoint may leave unanswered in one sweep before the rest are not sent. */
    static final int GIVE_UP_AFTER = 3;

    /** Where names are asked this sweep; {@code unanswered} counts its failures in a row. */
    private record Endpoint(String name, boolean resolver, Predicate<String> holds, Function<String, NameAnswer> ask,
            AtomicInteger unanswered) {
        Endpoint(String name, boolean resolver, Predicate<String> holds, Function<String, NameAnswer> ask) {
            this(name, resolver, holds, ask, new AtomicInteger());
        }

        /** A dead endpoint costs a sweep {@link #GIVE_UP_AFTER} timeouts, not one per name. */
        NameAnswer query(String fqdn) {
            if (unanswered.get() >= GIVE_UP_AFTER) {
                return NameAnswer.failed("not asked: " + GIVE_UP_AFTER + " queries in a row unanswered");
            }
            NameAnswer a = ask.apply(fqdn);
            if (a.failure().isPresent()) {
                unanswered.incrementAndGet();
            } else {
                unanswered.set(0);
            }
            return a;
        }
    }

    private Result once() {
        Instant at = Instant.now();
        List<InstanceReport> sweepable = sweepable();
        List<Endpoint> endpoints = endpoints();
        warnIfNothingToAsk(endpoints);
        Map<String, CompletableFuture<NameAnswer>> answers = ask(sweepable, endpoints);
        List<DnsObservation> all = new ArrayList<>();
        Set<String> enqueued = new LinkedHashSet<>();
        Map<String, String> failing = new TreeMap<>();
        Map<String, List<DnsObservation>> byInstance = new LinkedHashMap<>();
        for (InstanceReport r : sweepable) {
            List<DnsObservation> mismatches = new ArrayList<>();
            for (DesiredRecord rec : r.desire().records()) {
                for (Endpoint e : endpoints) {
                    if (!e.holds().test(rec.fqdn())) {
                        continue;
                    }
                    NameAnswer answer = answers.get(e.name() + "|" + rec.fqdn()).join();
                    if (answer.failure().isPresent()) {
                        failing.putIfAbsent(e.name(), answer.describe());
                    } else if (!answer.matches(rec.ips()) && !(e.resolver() && chases.cached(r, rec.fqdn(), at))) {
                        mismatches.add(new DnsObservation(r.instance(), e.name(), rec.fqdn(), rec.ips(), answer,
                                e.resolver()));
                    }
                }
            }
            if (chases.chase(r, mismatches, at)) {
                enqueued.add(r.instance());
            }
            byInstance.put(r.instance(), mismatches);
            all.addAll(mismatches);
        }
        chases.retain(byInstance.keySet(), at);
        Map<String, String> unreachable = unreachable(endpoints, failing);
        episodes.swept(byInstance, sweepable, unreachable, at);
        enqueued.forEach(k -> queue.reconcile(k, Trigger.of(ScheduleSwitch.DNS_SWEEP), false));
        passes.increment(enqueued.size());
        return new Result(true, answers.size(), List.copyOf(all), Set.copyOf(enqueued));
    }

    /**
     * Instances with a published desire; while an instance's read fails, its last published one; never an instance
     * whose update runs, nor one that is gone.
     */
    private List<InstanceReport> sweepable() {
        List<InstanceReport> out = new ArrayList<>();
        Set<String> present = new LinkedHashSet<>();
        for (InstanceReport r : status.instances()) {
            present.add(r.instance());
            boolean updating = r.read().snapshot().map(s -> s.phase() == ProvisioningPhase.IN_PROGRESS).orElse(false);
            if (r.desire().verdict() == InstanceDesire.Verdict.PUBLISH) {
                published.put(r.instance(), r);
                out.add(r);
            } else if (!updating && (r.read().status() == InstanceRead.Status.FAILED
                    || r.read().status() == InstanceRead.Status.GONE_UNCONFIRMED)
                    && published.containsKey(r.instance())) {
                out.add(published.get(r.instance()));
            } else {
                published.remove(r.instance());
            }
        }
        published.keySet().retainAll(present);
        return out;
    }

    /** The RFC 2136 servers (each for the names of its zones) and every client resolver (for every name). */
    private List<Endpoint> endpoints() {
        Duration timeout = config.sweep().timeout();
        List<Endpoint> out = new ArrayList<>();
        providers.servers().forEach(s -> out.add(new Endpoint(s.name(), false,
                fqdn -> s.zones().stream().anyMatch(z -> z.covers(fqdn)), fqdn -> s.ask(fqdn, timeout))));
        for (String spec : clientResolvers.resolvers()) {
            String name = "resolver " + spec;
            try {
                SimpleResolver r = NameLookup.resolver(spec, timeout);
                out.add(new Endpoint(name, true, fqdn -> true, fqdn -> NameLookup.ask(r, fqdn, false)));
            } catch (IOException | IllegalArgumentException e) {
                String why = "resolver address not usable: " + e.getMessage();
                out.add(new Endpoint(name, true, fqdn -> true, fqdn -> NameAnswer.failed(why)));
            }
        }
        return out;
    }

    /** Each distinct (endpoint, name) once, on the bounded pool; a query that throws is a failed answer. */
    private Map<String, CompletableFuture<NameAnswer>> ask(List<InstanceReport> sweepable, List<Endpoint> endpoints) {
        long limit = config.sweep().timeout().multipliedBy(3).toMillis();
        Map<String, CompletableFuture<NameAnswer>> out = new HashMap<>();
        for (InstanceReport r : sweepable) {
            for (DesiredRecord rec : r.desire().records()) {
                for (Endpoint e : endpoints) {
                    if (e.holds().test(rec.fqdn())) {
                        out.computeIfAbsent(e.name() + "|" + rec.fqdn(), k -> CompletableFuture
                                .supplyAsync(() -> counted(e.query(rec.fqdn()), rec.ips()), pool)
                                .orTimeout(limit, TimeUnit.MILLISECONDS)
                                .exceptionally(ex -> NameAnswer.failed("query failed: " + ex.getClass()
                                        .getSimpleName())));
                    }
                }
            }
        }
        return out;
    }

    private NameAnswer counted(NameAnswer a, List<String> expected) {
        queries(a.matches(expected) ? "match" : a.failure().isEmpty() ? "mismatch" : "failed").increment();
        return a;
    }

    /**
     * Endpoints that did not answer in {@link #UNREACHABLE_AFTER} sweeps in a row, with the first reason; one WARN line
     * when the set changes, not one per sweep.
     */
    private Map<String, String> unreachable(List<Endpoint> endpoints, Map<String, String> failing) {
        Set<String> before = Set.copyOf(failedSweeps.keySet());
        Map<String, String> out = new TreeMap<>();
        for (Endpoint e : endpoints) {
            if (failing.containsKey(e.name())) {
                int n = failedSweeps.merge(e.name(), 1, Integer::sum);
                if (n >= UNREACHABLE_AFTER) {
                    out.put(e.name(), failing.get(e.name()));
                }
            } else {
                failedSweeps.remove(e.name());
            }
        }
        failedSweeps.keySet().retainAll(endpoints.stream().map(Endpoint::name).toList());
        if (!failedSweeps.keySet().equals(before)) {
            if (failing.isEmpty()) {
                LOG.infof("DNS sweep: every endpoint answers again");
            } else {
                LOG.warnf("DNS sweep: no answer from %s, first: %s", failing.keySet(),
                        failing.values().iterator().next());
            }
        }
        return out;
    }

    /** Once: Private DNS zones exist but no client resolver is configured, so nobody checks what they answer. */
    private void warnIfNothingToAsk(List<Endpoint> endpoints) {
        Set<String> servers = new HashSet<>();
        providers.servers().forEach(s -> servers.add(s.name()));
        if (!warnedNothingToAsk && endpoints.stream().noneMatch(Endpoint::resolver)
                && providers.zones().stream().anyMatch(z -> !servers.contains(z.provider()))) {
            warnedNothingToAsk = true;
            LOG.warnf("DNS sweep: no apim-dns-sync.sweep.resolvers configured, so what the Private DNS zones answer is "
                    + "not checked between passes; inside Azure set it to 168.63.129.16 (README, Drift and the DNS "
                    + "sweep)");
        }
    }

    private Counter queries(String outcome) {
        return Counter.builder("apim.dns.sync.dns.sweep.queries").description("DNS sweep queries by outcome")
                .tag("outcome", outcome).register(registry);
    }
}
