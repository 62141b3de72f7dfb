package io.apimdnssync.reconcile;

import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Timers on Quarkus's Vert.x: cheap, and the callbacks only enqueue work. */
@ApplicationScoped
public class VertxDelays implements Delays {
    private final Vertx vertx;

    VertxDelays(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Runnable schedule(Duration delay, Runnable action) {
        long id = vertx.setTimer(Math.max(1, delay.toMillis()), t -> action.run());
        return () -> vertx.cancelTimer(id);
    }
}
