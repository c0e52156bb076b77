package com.vehiclephotos.vehicles.photo;

import com.vehiclephotos.events.CaptureDetails;
import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.PhotoReady;
import com.vehiclephotos.events.PhotoRejected;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.PublishedImage;
import com.vehiclephotos.events.QualityFlag;
import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.kafka.PhotoEventJson;
import com.vehiclephotos.vehicles.domain.Photo;
import com.vehiclephotos.vehicles.domain.PhotoStatus;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/**
 * Photo rows. Every write is one idempotent statement keyed by photoId, and the status only moves
 * forward (PROCESSING → READY | REJECTED, anything → DELETED): a replayed or late event changes
 * nothing, and READY before UPLOADED still ends READY (the conditions come from {@link PhotoStatus}).
 * PhotoService writes only after it found, under a share lock on the vehicle's row, that the event's
 * owner owns the vehicle. The typed ids become columns here and nowhere else.
 */
@Repository
class PhotoRepository {

    private static final TypeReference<List<PublishedImage>> IMAGES = new TypeReference<>() {};
    private static final TypeReference<List<QualityFlag>> QUALITY = new TypeReference<>() {};
    private final DatabaseClient db;

    PhotoRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Rows changed: 1 when the photo is new, 0 when it was already known (whatever its state). */
    Mono<Long> processing(PhotoUploaded e) {
        return db.sql("insert into photo (id, vehicle_id, owner_id, status, created_at, updated_at) "
                        + "values (:id, :vehicle, :owner, 'PROCESSING', :at, now()) on conflict (id) do nothing")
                .bind("id", e.photoId().value())
                .bind("vehicle", e.vehicleId().value())
                .bind("owner", e.ownerId().value())
                .bind("at", e.eventTime().atOffset(java.time.ZoneOffset.UTC))
                .fetch()
                .rowsUpdated();
    }

    Mono<Long> ready(PhotoReady e) {
        var capture = e.capture() == null ? new CaptureDetails(null, null, null) : e.capture();
        return db.sql("insert into photo (id, vehicle_id, owner_id, status, original, variants, sha256, placeholder, "
                        + "dominant_color, quality, perceptual_hash, taken_at, camera_make, camera_model, updated_at) "
                        + "values (:id, :vehicle, :owner, 'READY', :original, :variants, :sha, :placeholder, :colour, :quality, "
                        + ":hash, :takenAt, :make, :model, now()) "
                        + "on conflict (id) do update set status = 'READY', original = excluded.original, variants = excluded.variants, "
                        + "sha256 = excluded.sha256, placeholder = excluded.placeholder, "
                        + "dominant_color = excluded.dominant_color, quality = excluded.quality, "
                        + "perceptual_hash = excluded.perceptual_hash, taken_at = excluded.taken_at, "
                        + "camera_make = excluded.camera_make, camera_model = excluded.camera_model, updated_at = now() where "
                        + PhotoStatus.READY.sqlReachableFrom("photo.status"))
                .bind("id", e.photoId().value())
                .bind("vehicle", e.vehicleId().value())
                .bind("owner", e.ownerId().value())
                .bind("original", json(e.original()))
                .bind("variants", json(e.variants()))
                .bind("sha", e.sha256())
                .bind("placeholder", Parameters.in(R2dbcType.VARCHAR, e.placeholder()))
                .bind("colour", Parameters.in(R2dbcType.VARCHAR, e.dominantColor()))
                .bind("quality", e.quality() == null ? Parameters.in(Json.class) : json(e.quality()))
                .bind("hash", Parameters.in(R2dbcType.BIGINT, hash(e)))
                .bind("takenAt", Parameters.in(R2dbcType.VARCHAR, capture.takenAt()))
                .bind("make", Parameters.in(R2dbcType.VARCHAR, capture.make()))
                .bind("model", Parameters.in(R2dbcType.VARCHAR, capture.model()))
                .fetch()
                .rowsUpdated();
    }

    /**
     * The earliest other READY photo of the same vehicle that is the same photo: the same bytes, or
     * a perceptual hash within {@code maxDistance} bits. A vehicle has tens of photos; its own index
     * finds them.
     */
    Mono<PhotoId> sameOnVehicle(PhotoReady e, int maxDistance) {
        return db.sql("select id from photo where vehicle_id = :vehicle and status = 'READY' and id <> :id "
                        + "and (sha256 = :sha or bit_count((perceptual_hash # :hash)::bit(64)) <= :distance) "
                        + "order by created_at, id limit 1")
                .bind("vehicle", e.vehicleId().value())
                .bind("id", e.photoId().value())
                .bind("sha", e.sha256())
                .bind("hash", Parameters.in(R2dbcType.BIGINT, hash(e)))
                .bind("distance", maxDistance)
                .map(row -> new PhotoId(row.get("id", UUID.class)))
                .one();
    }

    Mono<Long> markDuplicate(PhotoId photo, PhotoId of) {
        return db.sql("update photo set duplicate_of = :of where id = :id and duplicate_of is distinct from :of")
                .bind("id", photo.value())
                .bind("of", of.value())
                .fetch()
                .rowsUpdated();
    }

    /** A READY photo of another owner whose hash is near. */
    record Match(PhotoId photo, VehicleId vehicle, OwnerId owner, int distance, boolean identical) {}

    /**
     * READY photos of owners other than {@code owner} whose perceptual hash is within
     * {@code maxDistance} bits of {@code hash}, closest first, at most {@code limit}: each band's
     * index is probed with every value within {@code maxDistance / 3} bits of the hash's
     * ({@link HashBands}).
     */
    Flux<Match> nearOtherOwners(long hash, String sha256, OwnerId owner, int maxDistance, int limit) {
        return db.sql(NEAR_OTHER_OWNERS)
                .bind("hash", hash)
                .bind("high", HashBands.probes(hash, 0, maxDistance))
                .bind("middle", HashBands.probes(hash, 1, maxDistance))
                .bind("low", HashBands.probes(hash, 2, maxDistance))
                .bind("distance", maxDistance)
                .bind("owner", owner.value())
                .bind("sha", sha256)
                .bind("limit", limit)
                .map(row -> new Match(
                        new PhotoId(row.get("id", UUID.class)),
                        new VehicleId(row.get("vehicle_id", UUID.class)),
                        new OwnerId(row.get("owner_id", String.class)),
                        row.get("distance", Integer.class),
                        Boolean.TRUE.equals(row.get("identical", Boolean.class))))
                .all();
    }

    private static final String NEAR = "bit_count((perceptual_hash # :hash)::bit(64)) <= :distance";
    private static final String READY_WITH_HASH = "status = 'READY' and perceptual_hash is not null";

    /**
     * One index-only probe per band value (a join with the probes, not {@code = any(...)}: estimating
     * 700 array elements costs the planner more than the lookup itself); the whole distance checked
     * on the index entries; only matches go to the table.
     */
    static final String NEAR_OTHER_OWNERS = "with near as ("
            + "select photo.id from unnest(:high::bigint[]) probe(band) join photo on ((perceptual_hash >> 43) & 2097151) = probe.band "
            + "where " + READY_WITH_HASH + " and " + NEAR + " union "
            + "select photo.id from unnest(:middle::bigint[]) probe(band) join photo on ((perceptual_hash >> 22) & 2097151) = probe.band "
            + "where " + READY_WITH_HASH + " and " + NEAR + " union "
            + "select photo.id from unnest(:low::bigint[]) probe(band) join photo on (perceptual_hash & 4194303) = probe.band "
            + "where " + READY_WITH_HASH + " and " + NEAR
            + ") select p.id, p.vehicle_id, p.owner_id, p.sha256 = :sha as identical, "
            + "bit_count((p.perceptual_hash # :hash)::bit(64))::int as distance "
            + "from near join photo p on p.id = near.id where p.owner_id <> :owner "
            + "order by distance, p.created_at, p.id limit :limit";

    Mono<Long> rejected(PhotoRejected e) {
        return db.sql(
                        "insert into photo (id, vehicle_id, owner_id, status, rejection_reason, rejection_detail, updated_at) "
                                + "values (:id, :vehicle, :owner, 'REJECTED', :reason, :detail, now()) "
                                + "on conflict (id) do update set status = 'REJECTED', rejection_reason = excluded.rejection_reason, "
                                + "rejection_detail = excluded.rejection_detail, updated_at = now() where "
                                + PhotoStatus.REJECTED.sqlReachableFrom("photo.status"))
                .bind("id", e.photoId().value())
                .bind("vehicle", e.vehicleId().value())
                .bind("owner", e.ownerId().value())
                .bind("reason", e.reason().name())
                .bind("detail", truncate(e.detail(), 2000))
                .fetch()
                .rowsUpdated();
    }

    /** Marks the photo deleted (a tombstone); 1 if it was live. */
    Mono<Long> markDeleted(VehicleId vehicle, PhotoId photo) {
        return db.sql(
                        "update photo set status = 'DELETED', updated_at = now() where id = :id and vehicle_id = :vehicle and "
                                + PhotoStatus.DELETED.sqlReachableFrom("status"))
                .bind("id", photo.value())
                .bind("vehicle", vehicle.value())
                .fetch()
                .rowsUpdated();
    }

    Flux<Photo> live(VehicleId vehicle) {
        return db.sql("select * from photo where vehicle_id = :vehicle and status <> 'DELETED' "
                        + "order by position nulls last, created_at, id")
                .bind("vehicle", vehicle.value())
                .map(PhotoRepository::photo)
                .all();
    }

    Mono<Photo> find(VehicleId vehicle, PhotoId photo) {
        return db.sql("select * from photo where id = :id and vehicle_id = :vehicle and status <> 'DELETED'")
                .bind("id", photo.value())
                .bind("vehicle", vehicle.value())
                .map(PhotoRepository::photo)
                .one();
    }

    /** True if the photo is a tombstone: it was deleted. */
    Mono<Boolean> isDeleted(VehicleId vehicle, PhotoId photo) {
        return db.sql(
                        "select exists (select 1 from photo where id = :id and vehicle_id = :vehicle and status = 'DELETED') as deleted")
                .bind("id", photo.value())
                .bind("vehicle", vehicle.value())
                .map(row -> row.get("deleted", Boolean.class))
                .one();
    }

    /** The oldest READY photo of the vehicle, the cover when the cover goes. */
    Mono<PhotoId> oldestReady(VehicleId vehicle) {
        return db.sql(
                        "select id from photo where vehicle_id = :vehicle and status = 'READY' order by created_at, id limit 1")
                .bind("vehicle", vehicle.value())
                .map(row -> new PhotoId(row.get("id", UUID.class)))
                .one();
    }

    /**
     * Places the listed photos first, in the listed order; the vehicle's other photos lose their
     * place and follow in upload order. The caller has checked that every listed id is a live photo
     * of the vehicle.
     */
    Mono<Void> order(VehicleId vehicle, List<PhotoId> photos) {
        var ids = photos.stream().map(PhotoId::value).toArray(UUID[]::new);
        return db.sql("update photo set position = listed.place - 1 "
                        + "from unnest(:ids::uuid[]) with ordinality as listed(id, place) "
                        + "where photo.vehicle_id = :vehicle and photo.id = listed.id "
                        + "and photo.position is distinct from listed.place - 1")
                .bind("vehicle", vehicle.value())
                .bind("ids", ids)
                .then()
                .then(db.sql("update photo set position = null where vehicle_id = :vehicle and position is not null "
                                + "and id <> all(:ids::uuid[])")
                        .bind("vehicle", vehicle.value())
                        .bind("ids", ids)
                        .then());
    }

    Flux<PhotoId> liveIds(VehicleId vehicle) {
        return db.sql("select id from photo where vehicle_id = :vehicle and status <> 'DELETED'")
                .bind("vehicle", vehicle.value())
                .map(row -> new PhotoId(row.get("id", UUID.class)))
                .all();
    }

    /** The READY's perceptual hash as the bigint column stores it (two's complement); null from older processors. */
    static Long hash(PhotoReady e) {
        return e.perceptualHash() == null ? null : Long.parseUnsignedLong(e.perceptualHash(), 16);
    }

    private static Json json(Object value) {
        return Json.of(PhotoEventJson.mapper().writeValueAsBytes(value));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Photo photo(Readable row) {
        var status = PhotoStatus.valueOf(row.get("status", String.class));
        var original = row.get("original", Json.class);
        var variants = row.get("variants", Json.class);
        var quality = row.get("quality", Json.class);
        var reason = row.get("rejection_reason", String.class);
        Photo.Rejection rejection = null;
        if (reason != null) {
            var parsed = parseReason(reason);
            rejection = new Photo.Rejection(parsed, parsed.defaultMessage(), row.get("rejection_detail", String.class));
        }
        return new Photo(
                row.get("id", UUID.class),
                row.get("vehicle_id", UUID.class),
                status,
                original == null ? null : PhotoEventJson.mapper().readValue(original.asArray(), PublishedImage.class),
                variants == null
                        ? null
                        : PhotoEventJson.mapper()
                                .readValue(new String(variants.asArray(), StandardCharsets.UTF_8), IMAGES),
                rejection,
                row.get("placeholder", String.class),
                row.get("dominant_color", String.class),
                quality == null
                        ? null
                        : PhotoEventJson.mapper()
                                .readValue(new String(quality.asArray(), StandardCharsets.UTF_8), QUALITY),
                row.get("duplicate_of", UUID.class),
                capture(row),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }

    private static CaptureDetails capture(Readable row) {
        var capture = new CaptureDetails(
                row.get("taken_at", String.class),
                row.get("camera_make", String.class),
                row.get("camera_model", String.class));
        return capture.saysNothing() ? null : capture;
    }

    private static RejectionReason parseReason(String reason) {
        try {
            return RejectionReason.valueOf(reason);
        } catch (IllegalArgumentException e) {
            return RejectionReason.OTHER;
        }
    }
}
