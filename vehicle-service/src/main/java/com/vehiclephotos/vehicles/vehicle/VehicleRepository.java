package com.vehiclephotos.vehicles.vehicle;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.VehicleId;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Vehicle rows; the typed ids become columns here and nowhere else. */
@Repository
class VehicleRepository {

    private static final String COLUMNS =
            "id, owner_id, make, model, year, vin, plate, colour, nickname, cover_photo_id, created_at, updated_at";
    private final DatabaseClient db;

    VehicleRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Vehicle> insert(Vehicle v) {
        return bindAll(
                        db.sql("insert into vehicle (id, owner_id, make, model, year, vin, plate, colour, nickname) "
                                + "values (:id, :owner, :make, :model, :year, :vin, :plate, :colour, :nickname) returning "
                                + COLUMNS),
                        v)
                .map(VehicleRepository::vehicle)
                .one();
    }

    Mono<Vehicle> update(Vehicle v) {
        return bindAll(
                        db.sql(
                                "update vehicle set make = :make, model = :model, year = :year, vin = :vin, plate = :plate, "
                                        + "colour = :colour, nickname = :nickname, updated_at = now() where id = :id and owner_id = :owner returning "
                                        + COLUMNS),
                        v)
                .map(VehicleRepository::vehicle)
                .one();
    }

    Mono<Vehicle> findOwned(VehicleId id, OwnerId owner) {
        return db.sql("select " + COLUMNS + " from vehicle where id = :id and owner_id = :owner")
                .bind("id", id.value())
                .bind("owner", owner.value())
                .map(VehicleRepository::vehicle)
                .one();
    }

    Flux<Vehicle> page(OwnerId owner, int page, int size) {
        return db.sql(
                        "select " + COLUMNS
                                + " from vehicle where owner_id = :owner order by created_at desc, id limit :size offset :offset")
                .bind("owner", owner.value())
                .bind("size", size)
                .bind("offset", (long) page * size)
                .map(VehicleRepository::vehicle)
                .all();
    }

    Mono<Long> count(OwnerId owner) {
        return db.sql("select count(*) from vehicle where owner_id = :owner")
                .bind("owner", owner.value())
                .map(row -> row.get(0, Long.class))
                .one();
    }

    /** The vehicle's owner, its row locked against deletion until the transaction ends. */
    Mono<OwnerId> ownerForShare(VehicleId id) {
        return db.sql("select owner_id from vehicle where id = :id for share")
                .bind("id", id.value())
                .map(row -> new OwnerId(row.get("owner_id", String.class)))
                .one();
    }

    /** Serialises this owner's vehicle creations until the transaction ends, so a count-then-insert holds. */
    Mono<Void> lockOwner(OwnerId owner) {
        return db.sql("select pg_advisory_xact_lock(hashtext('vehicle-owner:' || :owner))")
                .bind("owner", owner.value())
                .then();
    }

    Mono<Long> delete(VehicleId id, OwnerId owner) {
        return db.sql("delete from vehicle where id = :id and owner_id = :owner")
                .bind("id", id.value())
                .bind("owner", owner.value())
                .fetch()
                .rowsUpdated();
    }

    Mono<Long> coverIfNone(VehicleId vehicle, PhotoId photo) {
        return db.sql(
                        "update vehicle set cover_photo_id = :photo, updated_at = now() where id = :id and cover_photo_id is null")
                .bind("id", vehicle.value())
                .bind("photo", photo.value())
                .fetch()
                .rowsUpdated();
    }

    Mono<Long> replaceCover(VehicleId vehicle, PhotoId removed, PhotoId next) {
        var spec = db.sql(
                        "update vehicle set cover_photo_id = :next, updated_at = now() where id = :id and cover_photo_id = :removed")
                .bind("id", vehicle.value())
                .bind("removed", removed.value());
        spec = next == null ? spec.bindNull("next", UUID.class) : spec.bind("next", next.value());
        return spec.fetch().rowsUpdated();
    }

    Mono<Long> setCover(VehicleId vehicle, PhotoId photo) {
        return db.sql("update vehicle set cover_photo_id = :photo, updated_at = now() where id = :id")
                .bind("id", vehicle.value())
                .bind("photo", photo.value())
                .fetch()
                .rowsUpdated();
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Vehicle v) {
        spec = spec.bind("id", v.id().value())
                .bind("owner", v.ownerId().value())
                .bind("make", v.make())
                .bind("model", v.model());
        spec = v.year() == null
                ? spec.bindNull("year", Short.class)
                : spec.bind("year", v.year().shortValue());
        spec = nullable(spec, "vin", v.vin());
        spec = nullable(spec, "plate", v.plate());
        spec = nullable(spec, "colour", v.colour());
        return nullable(spec, "nickname", v.nickname());
    }

    private static DatabaseClient.GenericExecuteSpec nullable(
            DatabaseClient.GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    private static Vehicle vehicle(Readable row) {
        var year = row.get("year", Short.class);
        var cover = row.get("cover_photo_id", UUID.class);
        return new Vehicle(
                new VehicleId(row.get("id", UUID.class)),
                new OwnerId(row.get("owner_id", String.class)),
                row.get("make", String.class),
                row.get("model", String.class),
                year == null ? null : year.intValue(),
                row.get("vin", String.class),
                row.get("plate", String.class),
                row.get("colour", String.class),
                row.get("nickname", String.class),
                cover == null ? null : new PhotoId(cover),
                instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("updated_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
