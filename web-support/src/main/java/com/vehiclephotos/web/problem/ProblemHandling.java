package com.vehiclephotos.web.problem;

import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place where failures become HTTP answers: every error is {@code application/problem+json}
 * with a stable type, including those that never reach a controller (unknown paths, wrong methods).
 * Runs before Boot's own error handler.
 */
@Order(-2)
public class ProblemHandling implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
    private final ProblemResponses problems;

    public ProblemHandling(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ApiProblem problem) {
            if (problem.retryAfter() != null) {
                exchange.getResponse()
                        .getHeaders()
                        .set(
                                HttpHeaders.RETRY_AFTER,
                                Long.toString(problem.retryAfter().toSeconds()));
            }
            return problems.write(exchange, problem.problemType(), problem.getMessage(), problem.properties());
        }
        if (error instanceof WebExchangeBindException invalid) {
            var errors = invalid.getFieldErrors().stream()
                    .map(e -> Map.<String, Object>of(
                            "field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
                    .toList();
            var fields = invalid.getFieldErrors().stream()
                    .map(e -> e.getField() + " " + e.getDefaultMessage())
                    .sorted()
                    .collect(Collectors.joining("; "));
            return problems.write(exchange, CommonProblem.VALIDATION_FAILED, fields + ".", Map.of("errors", errors));
        }
        if (error instanceof ConstraintViolationException violations) {
            var errors = violations.getConstraintViolations().stream()
                    .map(v -> Map.<String, Object>of(
                            "field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
                    .toList();
            var fields = errors.stream()
                    .map(e -> e.get("field") + " " + e.get("message"))
                    .sorted()
                    .collect(Collectors.joining("; "));
            return problems.write(exchange, CommonProblem.VALIDATION_FAILED, fields + ".", Map.of("errors", errors));
        }
        if (error instanceof UnsupportedMediaTypeStatusException) {
            return problems.write(
                    exchange, CommonProblem.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.");
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            return problems.write(
                    exchange,
                    CommonProblem.METHOD_NOT_ALLOWED,
                    "Use one of: " + notAllowed.getSupportedMethods() + ".");
        }
        if (error instanceof ServerWebInputException input) {
            return problems.write(exchange, CommonProblem.MALFORMED_REQUEST, describe(input));
        }
        if (error instanceof ResponseStatusException status
                && status.getStatusCode().value() == 409) {
            return problems.write(exchange, CommonProblem.CONFLICT, String.valueOf(status.getReason()));
        }
        if (error instanceof ResponseStatusException status
                && status.getStatusCode().value() == 404) {
            return problems.write(
                    exchange,
                    CommonProblem.NOT_FOUND,
                    "There is nothing at " + exchange.getRequest().getPath() + ".");
        }
        if (error instanceof ResponseStatusException status
                && status.getStatusCode().is4xxClientError()) {
            return problems.write(exchange, CommonProblem.MALFORMED_REQUEST, String.valueOf(status.getReason()));
        }
        log.error(
                "Unhandled error on {} {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                error);
        return problems.write(exchange, CommonProblem.INTERNAL, "The error was logged; try again later.");
    }

    /**
     * Names the offending field where Jackson says which one it was — in our words: a library's
     * message (Jackson's, the database's) never reaches a problem detail.
     */
    static String describe(ServerWebInputException input) {
        for (Throwable cause = input; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return "Unknown field '" + unknown.getPropertyName() + "'. Known fields: "
                        + unknown.getKnownPropertyIds().stream()
                                .map(String::valueOf)
                                .sorted()
                                .toList() + ".";
            }
            if (cause instanceof JacksonException jackson) {
                var path = path(jackson.getPath());
                if (path.isEmpty()) {
                    var at = jackson.getLocation();
                    return at == null
                            ? "The body is not valid JSON."
                            : "The body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr()
                                    + ").";
                }
                var expected = cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                        ? ": expected " + kind(mismatch.getTargetType())
                        : "";
                return "Field '" + path + "' is invalid" + expected + ".";
            }
        }
        return "The request cannot be read.";
    }

    private static String kind(Class<?> type) {
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return type.isArray() || java.util.Collection.class.isAssignableFrom(type) ? "a list" : "an object";
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String path(List<JacksonException.Reference> references) {
        return references.stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
