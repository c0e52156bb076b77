package com.vehiclephotos.events.storage;

import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.VehicleId;

/**
 * Where a published image lives in the public media bucket:
 * {@code vehicles/{vehicleId}/photos/{photoId}/{file}}, one folder per photo so that deleting a photo
 * (or listing a vehicle's images) is one prefix. The one place the layout is written.
 */
public final class MediaKey {

    private static final String PREFIX = "vehicles/";

    private MediaKey() {}

    /** One image of a photo, e.g. {@code original.jpg} or {@code 320.jpg}. */
    public static String of(VehicleId vehicle, PhotoId photo, String file) {
        return photoPrefix(vehicle, photo) + file;
    }

    /** Every image of one photo. */
    public static String photoPrefix(VehicleId vehicle, PhotoId photo) {
        return vehiclePrefix(vehicle) + "photos/" + photo + "/";
    }

    /** Every image of one vehicle. */
    public static String vehiclePrefix(VehicleId vehicle) {
        return PREFIX + vehicle + "/";
    }
}
