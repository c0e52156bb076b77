package com.vehiclephotos.upload.presign;

import org.springframework.http.HttpStatus;

import com.vehiclephotos.web.problem.ProblemType;

/** The refusals that belong to presigning; the common ones are in web-support's CommonProblem. */
enum UploadProblem implements ProblemType {
    FILE_TOO_LARGE("file-too-large", HttpStatus.CONTENT_TOO_LARGE, "The file is too large"),
    UNSUPPORTED_CONTENT_TYPE("unsupported-content-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "This file type is not accepted"),
    VEHICLE_NOT_FOUND("vehicle-not-found", HttpStatus.NOT_FOUND, "No such vehicle"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many uploads"),
    OWNERSHIP_UNAVAILABLE("ownership-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Ownership data is not loaded yet");

    private final String slug;
    private final HttpStatus status;
    private final String title;

    UploadProblem(String slug, HttpStatus status, String title) {
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
