package com.vehiclephotos.web.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * An error a service answers: a stable {@code type} (RFC 9457) clients can switch on, its status
 * and title. Each service lists its own in an enum; {@link CommonProblem} has the shared ones.
 */
public interface ProblemType {

    String PREFIX = "urn:vehicle-photos:problem:";

    String slug();

    HttpStatus status();

    String title();

    default URI type() {
        return URI.create(PREFIX + slug());
    }
}
