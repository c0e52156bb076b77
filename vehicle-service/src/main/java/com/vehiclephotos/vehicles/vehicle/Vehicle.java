package com.vehiclephotos.vehicles.vehicle;

import java.time.Instant;
import java.util.UUID;

/** A vehicle row. */
public record Vehicle(
        UUID id,
        String ownerId,
        String make,
        String model,
        Integer year,
        String vin,
        String plate,
        String colour,
        String nickname,
        UUID coverPhotoId,
        Instant createdAt,
        Instant updatedAt) {}
