package com.vehiclephotos.upload.presign;

import com.vehiclephotos.web.problem.Problem;
import com.vehiclephotos.web.problem.ProblemType;
import org.springframework.http.HttpStatus;

/** The refusals that belong to presigning; the common ones are in web-support's CommonProblem. */
final class UploadProblem {

    static final ProblemType FILE_TOO_LARGE =
            new Problem("file-too-large", HttpStatus.CONTENT_TOO_LARGE, "The file is too large");
    static final ProblemType UNSUPPORTED_CONTENT_TYPE = new Problem(
            "unsupported-content-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "This file type is not accepted");
    static final ProblemType VEHICLE_NOT_FOUND =
            new Problem("vehicle-not-found", HttpStatus.NOT_FOUND, "No such vehicle");
    static final ProblemType RATE_LIMITED =
            new Problem("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many uploads");
    static final ProblemType OWNERSHIP_UNAVAILABLE =
            new Problem("ownership-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Ownership data is not loaded yet");

    private UploadProblem() {}
}
