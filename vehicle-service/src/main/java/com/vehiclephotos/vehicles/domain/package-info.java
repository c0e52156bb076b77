/**
 * What both features speak about: the photo as the API shows it and the state machine of its life.
 * The vehicle feature shows a vehicle with its photos and the photo feature keeps them, so these
 * types sit below both and depend on neither. Ids are the contracts' typed ids ({@code OwnerId},
 * {@code VehicleId}, {@code PhotoId}) everywhere between the HTTP edge and the repositories; UUIDs
 * and strings appear only in the JSON views and the SQL binds.
 */
package com.vehiclephotos.vehicles.domain;
