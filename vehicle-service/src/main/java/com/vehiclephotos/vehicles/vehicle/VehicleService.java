package com.vehiclephotos.vehicles.vehicle;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoDeleted;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.vehicles.outbox.Outbox;
import com.vehiclephotos.web.limit.OwnerRateLimiter;
import com.vehiclephotos.web.problem.ApiProblem;
import com.vehiclephotos.web.problem.CommonProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Owner-scoped vehicles. Each change announces the vehicle's owner on the compacted ownership topic
 * (through the outbox), which is what upload-api presigns against.
 */
@Service
public class VehicleService {

    private static final Logger log = LoggerFactory.getLogger(VehicleService.class);

    private final VehicleRepository vehicles;
    private final Outbox outbox;
    private final TransactionalOperator transaction;
    private final VehicleLimits limits;
    /** The photo feature, which needs this service too: looked up when used. */
    private final ObjectProvider<VehiclePhotos> photos;

    private final OwnerRateLimiter creations;

    VehicleService(
            VehicleRepository vehicles,
            Outbox outbox,
            TransactionalOperator transaction,
            VehicleLimits limits,
            ObjectProvider<VehiclePhotos> photos) {
        this.vehicles = vehicles;
        this.photos = photos;
        this.outbox = outbox;
        this.transaction = transaction;
        this.limits = limits;
        this.creations = new OwnerRateLimiter(limits.creations());
    }

    public record Page(List<Vehicle> items, int page, int size, long totalItems) {
        public long totalPages() {
            return (totalItems + size - 1) / size;
        }
    }

    /** Valid fields first, then the owner's creation rate, then the owner's cap (counted under a per-owner lock). */
    Mono<Vehicle> create(OwnerId owner, VehicleRequest request) {
        var vehicle = toVehicle(VehicleId.random(), owner, request);
        creations.tryAcquire(owner).ifPresent(wait -> {
            throw new ApiProblem(
                    VehicleProblem.RATE_LIMITED,
                    "You are adding vehicles too fast. Try again in " + wait.toSeconds() + " s.",
                    Map.of(),
                    wait);
        });
        return vehicles.lockOwner(owner)
                .then(vehicles.count(owner))
                .flatMap(count -> count >= limits.perOwner()
                        ? Mono.error(new ApiProblem(
                                VehicleProblem.VEHICLE_LIMIT_REACHED,
                                "You have " + count
                                        + " vehicles, the most an account may have. Delete one to add another.",
                                Map.of("limit", limits.perOwner()),
                                null))
                        : vehicles.insert(vehicle))
                .flatMap(saved -> outbox.ownership(saved.id(), owner).thenReturn(saved))
                .as(transaction::transactional)
                .onErrorMap(DataIntegrityViolationException.class, VehicleService::constraint);
    }

    Mono<Vehicle> replace(OwnerId owner, VehicleId id, VehicleRequest request) {
        return vehicles.update(toVehicle(id, owner, request))
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .onErrorMap(DataIntegrityViolationException.class, VehicleService::constraint);
    }

    /**
     * Who owns the vehicle (empty: no such vehicle), its row locked against deletion until the
     * caller's transaction ends — the one ownership check of the pipeline's events.
     */
    public Mono<OwnerId> lockOwner(VehicleId vehicle) {
        return vehicles.ownerForShare(vehicle);
    }

    /** The vehicle if this owner owns it; otherwise 404, the same as for a vehicle that does not exist. */
    public Mono<Vehicle> requireOwned(OwnerId owner, VehicleId id) {
        return vehicles.findOwned(id, owner).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    Mono<Page> page(OwnerId owner, int page, int size) {
        return Mono.zip(vehicles.page(owner, page, size).collectList(), vehicles.count(owner))
                .map(t -> new Page(t.getT1(), page, size, t.getT2()));
    }

    /** Removes the vehicle and its photos; announces each photo's deletion and the vehicle's end. */
    Mono<Void> delete(OwnerId owner, VehicleId id) {
        var now = java.time.Instant.now();
        return requireOwned(owner, id)
                .thenMany(photos.getObject().liveIds(id))
                .concatMap(photo -> outbox.photoEvent(new PhotoDeleted(photo, id, owner, now)))
                .then(outbox.ownership(id, null))
                .then(vehicles.delete(id, owner))
                .then()
                .as(transaction::transactional);
    }

    public Mono<Long> setCover(VehicleId vehicle, PhotoId photo) {
        return vehicles.setCover(vehicle, photo);
    }

    /** A READY photo becomes the cover of a vehicle that has none (the first READY photo is the default). */
    public Mono<Long> coverIfNone(VehicleId vehicle, PhotoId photo) {
        return vehicles.coverIfNone(vehicle, photo);
    }

    /** The cover was deleted: {@code next} (the oldest READY photo left, or none) takes its place. */
    public Mono<Long> replaceCover(VehicleId vehicle, PhotoId removed, PhotoId next) {
        return vehicles.replaceCover(vehicle, removed, next);
    }

    private static Vehicle toVehicle(VehicleId id, OwnerId owner, VehicleRequest r) {
        var vin = Vin.normalize(r.vin()).orElse(null);
        var errors = new ArrayList<Map<String, Object>>();
        if (vin != null) {
            Vin.problem(vin).ifPresent(p -> errors.add(Map.of("field", "vin", "message", p)));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(
                    CommonProblem.VALIDATION_FAILED,
                    "vin " + errors.get(0).get("message") + ".",
                    Map.of("errors", errors),
                    null);
        }
        return new Vehicle(
                id,
                owner,
                r.make().trim(),
                r.model().trim(),
                r.year(),
                vin,
                blankToNull(r.plate()),
                blankToNull(r.colour()),
                blankToNull(r.nickname()),
                null,
                null,
                null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The database's own words go to the log (with the trace id), never into the answer. */
    static Throwable constraint(DataIntegrityViolationException e) {
        var message = String.valueOf(e.getMessage());
        if (message.contains("vehicle_vin_per_owner")) {
            return new ApiProblem(VehicleProblem.DUPLICATE_VIN, "You already have a vehicle with this VIN.");
        }
        log.warn("A vehicle was refused by a database constraint: {}", message);
        return new ApiProblem(
                CommonProblem.VALIDATION_FAILED, "The vehicle breaks a rule of the data model; check its fields.");
    }

    static ApiProblem notFound(VehicleId id) {
        return new ApiProblem(VehicleProblem.VEHICLE_NOT_FOUND, "You have no vehicle " + id + ".");
    }
}
