package com.vehiclephotos.web.problem;

import java.time.Duration;
import java.util.Map;

/**
 * A refusal the client can act on, answered as {@code application/problem+json}. Not a bug:
 * thrown at the boundary and mapped once, in {@link ProblemHandling}.
 */
public class ApiProblem extends RuntimeException {

    private final ProblemType problemType;
    private final Map<String, Object> properties;
    private final Duration retryAfter;

    public ApiProblem(ProblemType problemType, String detail) {
        this(problemType, detail, Map.of(), null);
    }

    public ApiProblem(ProblemType problemType, String detail, Map<String, Object> properties, Duration retryAfter) {
        super(detail, null, false, false);
        this.problemType = problemType;
        this.properties = Map.copyOf(properties);
        this.retryAfter = retryAfter;
    }

    public ProblemType problemType() {
        return problemType;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** For 429 and 503: when to try again; null otherwise. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
