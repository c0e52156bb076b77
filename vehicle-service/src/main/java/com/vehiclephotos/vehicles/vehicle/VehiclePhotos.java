package com.vehiclephotos.vehicles.vehicle;

import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.vehicles.domain.Photo;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The photos of a vehicle as the API shows them; provided by the photo feature. */
public interface VehiclePhotos {

    /** Oldest first, deleted ones left out. */
    Mono<List<Photo>> photosOf(VehicleId vehicle);

    /** The photos of the vehicle that are not deleted: each is announced as deleted with the vehicle. */
    Flux<PhotoId> liveIds(VehicleId vehicle);
}
