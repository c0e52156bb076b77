package com.vehiclephotos.upload.presign;

import com.vehiclephotos.web.security.BearerAuthentication;
import com.vehiclephotos.web.security.Owners;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(PresignRoute.PATH)
class UploadController {

    private final PresignService presign;
    private final BearerAuthentication bearer;

    UploadController(PresignService presign, BearerAuthentication bearer) {
        this.presign = presign;
        this.bearer = bearer;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Get a presigned URL to upload one photo of one of your vehicles")
    @ApiResponse(responseCode = "413", description = "file-too-large: over the upload limit (maxBytes says which)")
    @ApiResponse(
            responseCode = "415",
            description = "unsupported-content-type: a declared type that is not accepted (accepted lists them)")
    @ApiResponse(responseCode = "429", description = "rate-limited: too many presigns; Retry-After says when")
    @ApiResponse(
            responseCode = "503",
            description = "ownership-unavailable: this instance is still loading vehicle ownership; Retry-After")
    Mono<UploadResponse> create(ServerWebExchange exchange, @Valid @RequestBody Mono<UploadRequest> request) {
        // the token first: a caller without one learns nothing about the body
        var caller = CallerTrace.of(exchange.getRequest().getHeaders());
        return bearer.authenticate(exchange)
                .flatMap(jwt -> request.flatMap(r -> presign.presign(Owners.of(jwt), r, caller)));
    }
}
