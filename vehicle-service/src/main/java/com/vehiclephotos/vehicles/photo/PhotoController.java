package com.vehiclephotos.vehicles.photo;

import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.vehicles.domain.Photo;
import com.vehiclephotos.vehicles.vehicle.VehicleService;
import com.vehiclephotos.web.problem.ApiProblem;
import com.vehiclephotos.web.security.Owners;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

@RestController
@RequestMapping("/api/v1/vehicles/{vehicleId}/photos")
class PhotoController {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final PhotoService photos;
    private final PhotoChanges changes;
    private final VehicleService vehicles;
    private final StreamSlots slots;

    PhotoController(PhotoService photos, PhotoChanges changes, VehicleService vehicles, StreamSlots slots) {
        this.photos = photos;
        this.changes = changes;
        this.vehicles = vehicles;
        this.slots = slots;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The vehicle's photos in the owner's order (then newest uploads last)")
    Mono<List<Photo>> list(@AuthenticationPrincipal Jwt jwt, @PathVariable VehicleId vehicleId) {
        return photos.list(Owners.of(jwt), vehicleId);
    }

    @PutMapping("/{photoId}/primary")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Make a READY photo the vehicle's cover")
    @ApiResponse(responseCode = "409", description = "photo-not-ready: only a READY photo can be the cover")
    Mono<Void> primary(
            @AuthenticationPrincipal Jwt jwt, @PathVariable VehicleId vehicleId, @PathVariable PhotoId photoId) {
        return photos.makePrimary(Owners.of(jwt), vehicleId, photoId);
    }

    /** The photos in the order the owner wants them shown. */
    record PhotoOrder(@NotNull @Size(max = 1000) List<@NotNull UUID> photoIds) {}

    @PutMapping("/order")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Put the vehicle's photos in the owner's order",
            description = "The listed photos come first, in that order; photos not listed (uploaded since) follow in"
                    + " upload order. GET lists them in this order.")
    @ApiResponse(
            responseCode = "400",
            description = "photo-order-invalid: an id that is not a photo of this vehicle, or one listed twice")
    Mono<Void> order(
            @AuthenticationPrincipal Jwt jwt, @PathVariable VehicleId vehicleId, @Valid @RequestBody PhotoOrder order) {
        return photos.order(
                Owners.of(jwt),
                vehicleId,
                order.photoIds().stream().map(PhotoId::new).toList());
    }

    @DeleteMapping("/{photoId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a photo; its published images are removed too")
    Mono<Void> delete(
            @AuthenticationPrincipal Jwt jwt, @PathVariable VehicleId vehicleId, @PathVariable PhotoId photoId) {
        return photos.delete(Owners.of(jwt), vehicleId, photoId);
    }

    /**
     * Server-sent events: {@code photos} with the full list now and after every change (from the
     * database, so it works whichever instance the change went through), and a comment as a
     * heartbeat every 15 s so that proxies keep the connection. Each owner holds at most
     * {@code vehicles.limits.streams-per-owner} streams (429 beyond); a stream ends when its token
     * expires (the client reconnects with a fresh one) or when the vehicle is deleted.
     */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live photo status of the vehicle")
    @ApiResponse(
            responseCode = "429",
            description = "too-many-streams: this owner already holds as many open streams as allowed (limit)")
    Flux<ServerSentEvent<List<Photo>>> stream(@AuthenticationPrincipal Jwt jwt, @PathVariable VehicleId vehicleId) {
        var owner = Owners.of(jwt);
        return vehicles.requireOwned(owner, vehicleId).thenMany(Flux.defer(() -> {
            var slot = slots.take(owner);
            var vehicleGone = Sinks.<Void>empty();
            var snapshots = Flux.concat(
                            Mono.just(vehicleId),
                            // at most one read of the list per 100 ms; changes that come while a read is
                            // still running are folded into the next one (concatMap asks for one at a time)
                            changes.of(vehicleId).sample(Duration.ofMillis(100)).onBackpressureLatest())
                    .concatMap(v -> vehicles.requireOwned(owner, vehicleId)
                            .then(photos.photosOf(vehicleId))
                            .map(Optional::of)
                            .onErrorResume(ApiProblem.class, gone -> Mono.just(Optional.empty())))
                    .takeWhile(Optional::isPresent)
                    .map(list -> ServerSentEvent.<List<Photo>>builder()
                            .event("photos")
                            .data(list.get())
                            .build())
                    .doFinally(signal -> vehicleGone.tryEmitEmpty());
            var heartbeats = Flux.interval(HEARTBEAT)
                    .map(i -> ServerSentEvent.<List<Photo>>builder()
                            .comment("keep-alive")
                            .build())
                    .takeUntilOther(vehicleGone.asMono());
            return Flux.merge(snapshots, heartbeats)
                    .takeUntilOther(expiryOf(jwt))
                    .doFinally(signal -> slot.close());
        }));
    }

    /** Completes when the token expires; never for a token without an expiry. */
    private static Mono<Long> expiryOf(Jwt jwt) {
        var expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return Mono.never();
        }
        var left = Duration.between(Instant.now(), expiresAt);
        return Mono.delay(left.isNegative() ? Duration.ZERO : left);
    }
}
