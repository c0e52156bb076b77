package com.vehiclephotos.vehicles.vehicle;

import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;

/** The photos of a vehicle as the API shows them; provided by the photo feature. */
public interface VehiclePhotos {

    Mono<List<?>> photosOf(UUID vehicle);
}
