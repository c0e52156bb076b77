package com.vehiclephotos.vehicles.vehicle;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.VehicleId;
import java.time.Instant;

/** A vehicle row. */
public record Vehicle(
        VehicleId id,
        OwnerId ownerId,
        String make,
        String model,
        Integer year,
        String vin,
        String plate,
        String colour,
        String nickname,
        PhotoId coverPhotoId,
        Instant createdAt,
        Instant updatedAt) {}
