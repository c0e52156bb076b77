package com.vehiclephotos.upload.system;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Every error this API answers, each with a stable {@code type} (RFC 9457) that clients can switch
 * on, its status and a title. The detail says what to do about it.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "The request body cannot be read"),
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "The request has invalid fields"),
    EMPTY_FILE("empty-file", HttpStatus.BAD_REQUEST, "The file is empty"),
    FILE_TOO_LARGE("file-too-large", HttpStatus.CONTENT_TOO_LARGE, "The file is too large"),
    UNSUPPORTED_CONTENT_TYPE("unsupported-content-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "This file type is not accepted"),
    VEHICLE_NOT_FOUND("vehicle-not-found", HttpStatus.NOT_FOUND, "No such vehicle"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many uploads"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json"),
    OWNERSHIP_UNAVAILABLE("ownership-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Ownership data is not loaded yet"),
    INTERNAL("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side");

    public static final String PREFIX = "urn:vehicle-photos:problem:";

    private final URI type;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.type = URI.create(PREFIX + slug);
        this.status = status;
        this.title = title;
    }

    public URI type() {
        return type;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
