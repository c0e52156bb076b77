package com.vehiclephotos.vehicles.vehicle;

import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.web.security.Owners;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The caller's own vehicles. Someone else's vehicle answers 404, as one that does not exist. */
@RestController
@Validated
@RequestMapping("/api/v1/vehicles")
class VehicleController {

    private final VehicleService vehicles;
    private final VehiclePhotos photos;

    VehicleController(VehicleService vehicles, VehiclePhotos photos) {
        this.vehicles = vehicles;
        this.photos = photos;
    }

    @PostMapping
    @Operation(summary = "Add a vehicle")
    @ApiResponse(
            responseCode = "409",
            description =
                    "duplicate-vin (you have a vehicle with this VIN) or vehicle-limit-reached (limit says how many)")
    @ApiResponse(responseCode = "429", description = "rate-limited: vehicles added too fast; Retry-After says when")
    Mono<ResponseEntity<VehicleView>> create(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody VehicleRequest request) {
        return vehicles.create(Owners.of(jwt), request)
                .map(v -> ResponseEntity.created(URI.create("/api/v1/vehicles/" + v.id()))
                        .body(VehicleView.of(v, null)));
    }

    @GetMapping
    @Operation(summary = "List your vehicles, newest first")
    Mono<VehicleView.Page> list(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return vehicles.page(Owners.of(jwt), page, size)
                .map(p -> new VehicleView.Page(
                        p.items().stream().map(v -> VehicleView.of(v, null)).toList(),
                        p.page(),
                        p.size(),
                        p.totalItems(),
                        p.totalPages()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One vehicle with its photos")
    Mono<VehicleView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable VehicleId id) {
        return vehicles.requireOwned(Owners.of(jwt), id)
                .flatMap(v -> photos.photosOf(id).map(list -> VehicleView.of(v, list)));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a vehicle's details")
    Mono<VehicleView> replace(
            @AuthenticationPrincipal Jwt jwt, @PathVariable VehicleId id, @Valid @RequestBody VehicleRequest request) {
        return vehicles.replace(Owners.of(jwt), id, request).map(v -> VehicleView.of(v, null));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a vehicle and its photos")
    Mono<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable VehicleId id) {
        return vehicles.delete(Owners.of(jwt), id);
    }
}
