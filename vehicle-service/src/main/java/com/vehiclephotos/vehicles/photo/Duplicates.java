package com.vehiclephotos.vehicles.photo;

import com.vehiclephotos.events.PhotoFlagged;
import com.vehiclephotos.events.PhotoReady;
import com.vehiclephotos.vehicles.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Is a photo that just became READY a photo we already have? On the same vehicle it is marked
 * {@code duplicateOf} the earlier one, for the owner to see. On another owner's vehicle it is a
 * fraud signal — a listing built from someone else's photos — recorded for moderation as
 * photo.flagged.v1 (in the outbox, in the READY's transaction) and never shown to either owner.
 * Photos from processors older than the perceptual hash are compared by their bytes only, and
 * only on their vehicle.
 */
@Component
class Duplicates {

    private static final Logger log = LoggerFactory.getLogger(Duplicates.class);

    private final PhotoRepository photos;
    private final Outbox outbox;
    private final DuplicateSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;

    Duplicates(PhotoRepository photos, Outbox outbox, DuplicateSettings settings, MeterRegistry meters) {
        this.photos = photos;
        this.outbox = outbox;
        this.settings = settings;
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    Mono<Void> judge(PhotoReady ready) {
        var onVehicle = photos.sameOnVehicle(ready, settings.maxDistance())
                .flatMap(earlier -> photos.markDuplicate(ready.photoId(), earlier)
                        .doOnNext(marked -> meters.counter("photos.duplicates", "where", "same-vehicle")
                                .increment()))
                .then();
        var hash = PhotoRepository.hash(ready);
        if (hash == null) {
            return onVehicle;
        }
        var elsewhere = photos.nearOtherOwners(
                        hash, ready.sha256(), ready.ownerId(), settings.maxDistance(), settings.maxFlags())
                .concatMap(match -> {
                    log.info(
                            "Photo {} matches photo {} of another owner (distance {}); flagged for moderation",
                            ready.photoId(),
                            match.photo(),
                            match.distance());
                    meters.counter("photos.duplicates", "where", "other-owner").increment();
                    return outbox.photoEvent(new PhotoFlagged(
                            ready.photoId(),
                            ready.ownerId(),
                            ready.vehicleId(),
                            match.photo(),
                            match.owner(),
                            match.vehicle(),
                            match.distance(),
                            match.identical(),
                            clock.instant()));
                })
                .then();
        return onVehicle.then(elsewhere);
    }
}
