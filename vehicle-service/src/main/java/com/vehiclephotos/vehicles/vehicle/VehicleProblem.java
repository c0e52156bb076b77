package com.vehiclephotos.vehicles.vehicle;

import org.springframework.http.HttpStatus;

import com.vehiclephotos.web.problem.ProblemType;

/** Refusals about vehicles; the common ones are web-support's CommonProblem. */
public enum VehicleProblem implements ProblemType {
    VEHICLE_NOT_FOUND("vehicle-not-found", HttpStatus.NOT_FOUND, "No such vehicle"),
    PHOTO_NOT_FOUND("photo-not-found", HttpStatus.NOT_FOUND, "No such photo"),
    PHOTO_NOT_READY("photo-not-ready", HttpStatus.CONFLICT, "The photo is not ready"),
    DUPLICATE_VIN("duplicate-vin", HttpStatus.CONFLICT, "You already have a vehicle with this VIN");

    private final String slug;
    private final HttpStatus status;
    private final String title;

    VehicleProblem(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public HttpStatus status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
