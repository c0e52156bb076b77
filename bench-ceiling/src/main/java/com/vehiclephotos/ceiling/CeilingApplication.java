package com.vehiclephotos.ceiling;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What the framework costs on its own: the same JSON in and an answer of the same shape and size
 * out as upload-api's presign, with no security, no ownership, no signing, no tracing. The presign
 * benchmark measures upload-api against this, in the same run, with the same JVM flags.
 */
@SpringBootApplication
@RestController
public class CeilingApplication {

    record UploadRequest(UUID vehicleId, String filename, String contentType, Long contentLength) {}

    record Upload(String method, String url, Map<String, String> headers, Instant expiresAt) {}

    record UploadResponse(UUID photoId, UUID vehicleId, String key, Upload upload) {}

    public static void main(String[] args) {
        SpringApplication.run(CeilingApplication.class, args);
    }

    @PostMapping(
            path = "/api/v1/uploads",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UploadResponse> upload(@RequestBody UploadRequest request) {
        var photo = UUID.randomUUID();
        var key = "uploads/owner/" + request.vehicleId() + "/" + photo + "/" + request.filename();
        return Mono.just(new UploadResponse(
                photo,
                request.vehicleId(),
                key,
                new Upload(
                        "PUT",
                        "http://127.0.0.1:9000/uploads/" + key
                                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ceiling&X-Amz-Date=20261202T000000Z"
                                + "&X-Amz-Expires=900&X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost&X-Amz-Signature="
                                + "0".repeat(64),
                        Map.of(
                                "Content-Type", request.contentType(),
                                "Content-Length", Long.toString(request.contentLength()),
                                "If-None-Match", "*"),
                        Instant.now().plusSeconds(900))));
    }
}
