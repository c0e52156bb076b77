package com.vehiclephotos.vehicles.vehicle;

import com.vehiclephotos.web.problem.Problem;
import com.vehiclephotos.web.problem.ProblemType;
import org.springframework.http.HttpStatus;

/** Refusals about vehicles and their photos; the common ones are web-support's CommonProblem. */
public final class VehicleProblem {

    public static final ProblemType VEHICLE_NOT_FOUND =
            new Problem("vehicle-not-found", HttpStatus.NOT_FOUND, "No such vehicle");
    public static final ProblemType PHOTO_NOT_FOUND =
            new Problem("photo-not-found", HttpStatus.NOT_FOUND, "No such photo");
    public static final ProblemType PHOTO_NOT_READY =
            new Problem("photo-not-ready", HttpStatus.CONFLICT, "The photo is not ready");
    public static final ProblemType PHOTO_ORDER_INVALID =
            new Problem("photo-order-invalid", HttpStatus.BAD_REQUEST, "The order does not list this vehicle's photos");
    public static final ProblemType VEHICLE_LIMIT_REACHED = new Problem(
            "vehicle-limit-reached", HttpStatus.CONFLICT, "You have as many vehicles as an account may have");
    public static final ProblemType RATE_LIMITED =
            new Problem("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests");
    public static final ProblemType TOO_MANY_STREAMS =
            new Problem("too-many-streams", HttpStatus.TOO_MANY_REQUESTS, "Too many open photo streams");
    public static final ProblemType DUPLICATE_VIN =
            new Problem("duplicate-vin", HttpStatus.CONFLICT, "You already have a vehicle with this VIN");

    private VehicleProblem() {}
}
