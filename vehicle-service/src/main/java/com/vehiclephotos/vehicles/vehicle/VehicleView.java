package com.vehiclephotos.vehicles.vehicle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.vehiclephotos.vehicles.domain.Photo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A vehicle as the API answers it; {@code photos} only where asked for one vehicle. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record VehicleView(
        UUID id,
        String make,
        String model,
        Integer year,
        String vin,
        String plate,
        String colour,
        String nickname,
        UUID coverPhotoId,
        Instant createdAt,
        Instant updatedAt,
        List<Photo> photos) {

    static VehicleView of(Vehicle v, List<Photo> photos) {
        return new VehicleView(
                v.id().value(),
                v.make(),
                v.model(),
                v.year(),
                v.vin(),
                v.plate(),
                v.colour(),
                v.nickname(),
                v.coverPhotoId() == null ? null : v.coverPhotoId().value(),
                v.createdAt(),
                v.updatedAt(),
                photos);
    }

    record Page(List<VehicleView> items, int page, int size, long totalItems, long totalPages) {}
}
