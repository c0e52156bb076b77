package com.vehiclephotos.vehicles.photo;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.vehicles.vehicle.VehicleLimits;
import com.vehiclephotos.vehicles.vehicle.VehicleProblem;
import com.vehiclephotos.web.problem.ApiProblem;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * Open photo streams per owner on this instance: one account cannot hold an unbounded number of
 * connections (and database listeners' fan-out) open. A slot is taken before the stream starts and
 * given back however it ends.
 */
@Component
class StreamSlots {

    private final Map<OwnerId, Integer> open = new ConcurrentHashMap<>();
    private final int perOwner;

    StreamSlots(VehicleLimits limits, MeterRegistry meters) {
        this.perOwner = limits.streamsPerOwner();
        Gauge.builder(
                        "photos.streams.open",
                        open,
                        m -> m.values().stream().mapToInt(Integer::intValue).sum())
                .description("Live photo streams open on this instance")
                .register(meters);
    }

    /** A slot, or 429 {@code too-many-streams} when this owner already holds as many as allowed. */
    Slot take(OwnerId owner) {
        var taken = new AtomicBoolean();
        open.compute(owner, (o, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perOwner) {
                return count;
            }
            taken.set(true);
            return now + 1;
        });
        if (!taken.get()) {
            throw new ApiProblem(
                    VehicleProblem.TOO_MANY_STREAMS,
                    "You have " + perOwner
                            + " photo streams open, the most allowed. Close one (another tab or window) and try again.",
                    Map.of("limit", perOwner),
                    null);
        }
        return new Slot(owner);
    }

    final class Slot implements AutoCloseable {
        private final OwnerId owner;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Slot(OwnerId owner) {
            this.owner = owner;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                open.computeIfPresent(owner, (o, count) -> count <= 1 ? null : count - 1);
            }
        }
    }
}
