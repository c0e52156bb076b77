package com.vehiclephotos.web.problem;

import org.springframework.http.HttpStatus;

/** Errors every service can answer. */
public enum CommonProblem implements ProblemType {
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "The request body cannot be read"),
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "The request has invalid fields"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send application/json"),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflicts with the current state"),
    INTERNAL("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side");

    private final String slug;
    private final HttpStatus status;
    private final String title;

    CommonProblem(String slug, HttpStatus status, String title) {
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
