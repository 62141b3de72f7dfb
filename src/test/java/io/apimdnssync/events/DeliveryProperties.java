package io.apimdnssync.events;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.DiscoveryScope;
import io.apimdnssync.config.ManagedScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever arrives — random text, JSON of any shape, envelopes with wrong types, Microsoft's samples cut or spliced —
 * decoding either yields events or fails with a {@link BadDeliveryException} (the webhook's 400), and every event it
 * yields passes the filter and the time rule without an exception: no delivery can cause a 5xx.
 */
class DeliveryProperties {
    static final String ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/"
            + "Microsoft.ApiManagement/service/contoso";
    static final EventFilter FILTER = new EventFilter(new ManagedScope(List.of(ArmId.of(ID)), List.of(
            new DiscoveryScope("00000000-0000-0000-0000-000000000000", Optional.empty(), Map.of()))));
    static final List<String> KEYS = List.of("id", "subject", "eventType", "eventTime", "data", "dataVersion",
            "metadataVersion", "topic", "specversion", "type", "source", "time", "resourceUri", "validationCode",
            "resourceDetails");

    // Each try runs on its own thread with a timeout: a parser that never returns fails the property (with the body)
    // instead of the build; shrinking is off so that a hang is not tried again and again.
    @Property(tries = 1000, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void noDeliveryCausesAServerError(@ForAll("deliveries") String body, @ForAll("contentTypes") String type)
            throws Throwable {
        List<ArmEvent> events;
        try {
            java.util.concurrent.FutureTask<List<ArmEvent>> task = new java.util.concurrent.FutureTask<>(
                    () -> EventDecoder.decode(body, Optional.of(type).filter(t -> !t.isEmpty())));
            Thread t = new Thread(task);
            t.setDaemon(true);
            t.start();
            try {
                events = task.get(3, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException te) {
                throw new AssertionError("decoding hangs on: " + body);
            } catch (java.util.concurrent.ExecutionException ee) {
                throw ee.getCause();
            }
        } catch (BadDeliveryException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("a 400 without a reason for " + body);
            }
            return;
        }
        for (ArmEvent e : events) {
            FILTER.decide(e.resourceId());
            EventIngest.eventTime(e, Instant.now());
        }
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("", "application/json", "application/cloudevents+json",
                "application/cloudevents-batch+json", "application/json; charset=utf-8");
    }

    @Provide
    Arbitrary<String> deliveries() {
        Arbitrary<String> samples = Arbitraries.of(Samples.writeSuccess(ID, "2026-11-27T00:00:00Z"),
                Samples.cloudEvent(ID, "2026-11-27T00:00:00Z"), Samples.resourceNotification(ID),
                Samples.deleteSuccessOldShape(ID), Samples.validation("code"));
        Arbitrary<String> cut = Combinators2.cut(samples);
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200), json(3), samples, cut,
                json(2).map(j -> "[" + j + "]"));
    }

    /** Random JSON, biased to the envelope's field names. */
    private Arbitrary<String> json(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(DeliveryProperties::q),
                Arbitraries.integers().map(String::valueOf), Arbitraries.of("null", "true", "false", "1e999", "-0"),
                Arbitraries.of(ID, ID + "/apis/x", "/subscriptions/x", "2099-01-01T00:00:00Z", "not a time",
                        "Microsoft.Resources.ResourceWriteSuccess", "Microsoft.Resources.ResourceDeleteSuccess",
                        "Microsoft.EventGrid.SubscriptionValidationEvent", "1.0").map(DeliveryProperties::q));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> member = Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().ofMaxLength(8))
                .map(DeliveryProperties::q).flatMap(k -> json(depth - 1).map(v -> k + ":" + v));
        Arbitrary<String> object = member.list().ofMaxSize(8).map(ms -> "{" + String.join(",", ms) + "}");
        Arbitrary<String> array = json(depth - 1).list().ofMaxSize(4).map(vs -> "[" + String.join(",", vs) + "]");
        return Arbitraries.oneOf(scalar, object, array);
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ") + "\"";
    }

    /** Microsoft's samples, cut short or with a stretch removed. */
    static final class Combinators2 {
        static Arbitrary<String> cut(Arbitrary<String> samples) {
            return samples.flatMap(s -> Arbitraries.integers().between(0, s.length()).flatMap(
                    from -> Arbitraries.integers().between(from, s.length()).map(
                            to -> s.substring(0, from) + s.substring(to))));
        }
    }
}
