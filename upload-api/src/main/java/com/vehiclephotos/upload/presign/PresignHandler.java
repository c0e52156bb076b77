package com.vehiclephotos.upload.presign;

import com.vehiclephotos.web.security.BearerAuthentication;
import com.vehiclephotos.web.security.Owners;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/uploads}, routed as a function ({@link PresignConfiguration#presignRoute}) rather
 * than an annotated controller: resolving an annotated method's arguments and calling it
 * reflectively cost the presign about a sixth of its rate (docs/BENCHMARKS.md). What the
 * annotations did is here: the token first (a caller without one learns nothing about the body),
 * the body as JSON (415 otherwise, 400 when it is missing or malformed), its constraints checked
 * (400 naming each field), then the presign. The OpenAPI document reads this method's annotations.
 */
@Component
class PresignHandler {

    private final PresignService presign;
    private final BearerAuthentication bearer;
    private final Validator validator;

    PresignHandler(PresignService presign, BearerAuthentication bearer, Validator validator) {
        this.presign = presign;
        this.bearer = bearer;
        this.validator = validator;
    }

    @Operation(
            summary = "Get a presigned URL to upload one photo of one of your vehicles",
            requestBody =
                    @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = UploadRequest.class))),
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        description = "The URL to PUT the file to, with the headers to send and until when",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = UploadResponse.class))),
                @ApiResponse(
                        responseCode = "413",
                        description = "file-too-large: over the upload limit (maxBytes says which)"),
                @ApiResponse(
                        responseCode = "415",
                        description =
                                "unsupported-content-type: a declared type that is not accepted (accepted lists them);"
                                        + " or a body that is not application/json"),
                @ApiResponse(
                        responseCode = "429",
                        description = "rate-limited: too many presigns; Retry-After says when"),
                @ApiResponse(
                        responseCode = "503",
                        description =
                                "ownership-unavailable: this instance is still loading vehicle ownership; Retry-After")
            })
    Mono<ServerResponse> create(ServerRequest request) {
        var caller = CallerTrace.of(request.headers().asHttpHeaders());
        return bearer.authenticate(request.exchange())
                .flatMap(jwt -> request.bodyToMono(UploadRequest.class)
                        .switchIfEmpty(Mono.error(() -> new ServerWebInputException("No request body")))
                        .doOnNext(this::validate)
                        .flatMap(upload -> presign.presign(Owners.of(jwt), upload, caller)))
                .flatMap(answer -> ServerResponse.status(HttpStatus.CREATED)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(answer));
    }

    private void validate(UploadRequest upload) {
        var violations = validator.validate(upload);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }
}
