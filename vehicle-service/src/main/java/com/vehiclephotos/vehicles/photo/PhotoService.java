package com.vehiclephotos.vehicles.photo;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoDeleted;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.PhotoReady;
import com.vehiclephotos.events.PhotoRejected;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.vehicles.domain.Photo;
import com.vehiclephotos.vehicles.domain.PhotoStatus;
import com.vehiclephotos.vehicles.outbox.Outbox;
import com.vehiclephotos.vehicles.vehicle.VehiclePhotos;
import com.vehiclephotos.vehicles.vehicle.VehicleProblem;
import com.vehiclephotos.vehicles.vehicle.VehicleService;
import com.vehiclephotos.web.problem.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Photos follow the pipeline's events; owners list them, pick the cover, delete them. */
@Service
class PhotoService implements VehiclePhotos {

    private static final Logger log = LoggerFactory.getLogger(PhotoService.class);

    enum Outcome {
        APPLIED,
        UNCHANGED,
        NOT_OWNED,
        NO_VEHICLE,
        IGNORED,
        CLEANED_UP
    }

    private final PhotoRepository photos;
    private final VehicleService vehicles;
    private final Outbox outbox;
    private final Duplicates duplicates;
    private final TransactionalOperator transaction;
    private final MeterRegistry meters;

    PhotoService(
            PhotoRepository photos,
            VehicleService vehicles,
            Outbox outbox,
            Duplicates duplicates,
            TransactionalOperator transaction,
            MeterRegistry meters) {
        this.photos = photos;
        this.vehicles = vehicles;
        this.outbox = outbox;
        this.duplicates = duplicates;
        this.transaction = transaction;
        this.meters = meters;
    }

    /**
     * Applies one pipeline event. Attaches only to a vehicle the event's owner owns (promise 4);
     * anything else records nothing and is counted and logged.
     *
     * <p>Deleted means gone, whatever the order of events: a READY for a photo that was deleted
     * while it was processed, or any upload or READY for a vehicle that no longer exists, is answered
     * with a PhotoDeleted, so media-processor removes what it published (and drops the upload if it
     * has not processed it yet).
     */
    Mono<Outcome> apply(PhotoEvent event) {
        if (event instanceof PhotoDeleted) {
            return count(event, Outcome.IGNORED); // our own announcement
        }
        return vehicles.lockOwner(event.vehicleId())
                .flatMap(owner -> {
                    if (!owner.equals(event.ownerId())) {
                        log.warn(
                                "Not attaching photo {}: vehicle {} is not owned by {}",
                                event.photoId(),
                                event.vehicleId(),
                                event.ownerId());
                        return Mono.just(Outcome.NOT_OWNED);
                    }
                    return write(event)
                            .flatMap(changed -> changed > 0 ? Mono.just(Outcome.APPLIED) : lateForDeleted(event));
                })
                .switchIfEmpty(Mono.defer(() -> {
                    log.warn(
                            "Not attaching photo {}: vehicle {} does not exist (deleted?); its images are removed",
                            event.photoId(),
                            event.vehicleId());
                    return event instanceof PhotoRejected
                            ? Mono.just(Outcome.NO_VEHICLE)
                            : announceDeleted(event).thenReturn(Outcome.NO_VEHICLE);
                }))
                .as(transaction::transactional)
                .flatMap(outcome -> count(event, outcome));
    }

    /** A READY that changed nothing because the photo is a tombstone: its images were published after the deletion. */
    private Mono<Outcome> lateForDeleted(PhotoEvent event) {
        if (!(event instanceof PhotoReady)) {
            return Mono.just(Outcome.UNCHANGED);
        }
        return photos.isDeleted(event.vehicleId(), event.photoId())
                .filter(Boolean::booleanValue)
                .flatMap(deleted -> {
                    log.info("Photo {} was deleted before it was ready; its images are removed", event.photoId());
                    return announceDeleted(event).thenReturn(Outcome.CLEANED_UP);
                })
                .defaultIfEmpty(Outcome.UNCHANGED);
    }

    private Mono<Void> announceDeleted(PhotoEvent event) {
        return outbox.photoEvent(new PhotoDeleted(event.photoId(), event.vehicleId(), event.ownerId(), Instant.now()));
    }

    private Mono<Long> write(PhotoEvent event) {
        if (event instanceof PhotoUploaded uploaded) {
            return photos.processing(uploaded);
        } else if (event instanceof PhotoReady ready) {
            return photos.ready(ready)
                    .flatMap(changed -> changed > 0
                            ? vehicles.coverIfNone(ready.vehicleId(), ready.photoId())
                                    .then(duplicates.judge(ready))
                                    .thenReturn(changed)
                            : Mono.just(changed));
        }
        return photos.rejected((PhotoRejected) event);
    }

    private Mono<Outcome> count(PhotoEvent event, Outcome outcome) {
        meters.counter(
                        "photos.events",
                        "type",
                        event.getClass().getSimpleName(),
                        "outcome",
                        outcome.name().toLowerCase())
                .increment();
        return Mono.just(outcome);
    }

    @Override
    public Flux<PhotoId> liveIds(VehicleId vehicle) {
        return photos.liveIds(vehicle);
    }

    @Override
    public Mono<List<Photo>> photosOf(VehicleId vehicle) {
        return photos.live(vehicle).collectList();
    }

    Mono<List<Photo>> list(OwnerId owner, VehicleId vehicle) {
        return vehicles.requireOwned(owner, vehicle).then(photos.live(vehicle).collectList());
    }

    /** Removes the photo and announces it, so media-processor deletes the published images. */
    Mono<Void> delete(OwnerId owner, VehicleId vehicle, PhotoId photo) {
        return vehicles.requireOwned(owner, vehicle)
                .then(photos.markDeleted(vehicle, photo))
                .flatMap(changed -> changed == 0
                        ? Mono.error(notFound(photo))
                        : outbox.photoEvent(new PhotoDeleted(photo, vehicle, owner, Instant.now())))
                .then(photos.oldestReady(vehicle)
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .flatMap(next -> vehicles.replaceCover(vehicle, photo, next.orElse(null))))
                .then()
                .as(transaction::transactional);
    }

    /**
     * The owner's order: the listed photos first, in that order, then any others (photos uploaded
     * since the owner last looked) in upload order. Every listed id must be a photo of this vehicle,
     * once.
     */
    Mono<Void> order(OwnerId owner, VehicleId vehicle, List<PhotoId> order) {
        var distinct = new java.util.LinkedHashSet<>(order);
        if (distinct.size() != order.size()) {
            return Mono.error(
                    new ApiProblem(VehicleProblem.PHOTO_ORDER_INVALID, "The order lists a photo more than once."));
        }
        return vehicles.requireOwned(owner, vehicle)
                .then(photos.liveIds(vehicle).collect(java.util.stream.Collectors.toSet()))
                .flatMap(live -> {
                    var unknown =
                            order.stream().filter(id -> !live.contains(id)).toList();
                    if (!unknown.isEmpty()) {
                        return Mono.error(new ApiProblem(
                                VehicleProblem.PHOTO_ORDER_INVALID,
                                "This vehicle has no photo " + unknown.get(0) + "; order only its own photos."));
                    }
                    return photos.order(vehicle, order);
                })
                .as(transaction::transactional);
    }

    /** Picks the cover photo; it must be READY. */
    Mono<Void> makePrimary(OwnerId owner, VehicleId vehicle, PhotoId photo) {
        return vehicles.requireOwned(owner, vehicle)
                .then(photos.find(vehicle, photo))
                .switchIfEmpty(Mono.error(() -> notFound(photo)))
                .flatMap(p -> p.status() == PhotoStatus.READY
                        ? vehicles.setCover(vehicle, photo).then()
                        : Mono.error(new ApiProblem(
                                VehicleProblem.PHOTO_NOT_READY,
                                "Photo " + photo + " is " + p.status() + "; only a READY photo can be the cover.")));
    }

    private static ApiProblem notFound(PhotoId photo) {
        return new ApiProblem(VehicleProblem.PHOTO_NOT_FOUND, "This vehicle has no photo " + photo + ".");
    }
}
