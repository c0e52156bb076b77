package com.vehiclephotos.upload.presign;

import com.vehiclephotos.web.security.Owners;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/uploads")
class UploadController {

    private final PresignService presign;

    UploadController(PresignService presign) {
        this.presign = presign;
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
    Mono<UploadResponse> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody UploadRequest request) {
        return presign.presign(Owners.of(jwt), request);
    }
}
