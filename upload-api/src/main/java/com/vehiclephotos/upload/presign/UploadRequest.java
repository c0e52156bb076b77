package com.vehiclephotos.upload.presign;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * What the browser wants to upload. Type and size are declared here and signed into the URL, so
 * S3 refuses any other; the processor still checks the real type from the bytes.
 */
@Schema(description = "A request for a presigned upload URL")
record UploadRequest(
        @Schema(
                description = "The vehicle the photo is for; must be yours",
                example = "0b7e9c2a-6d4f-4e1b-8a3c-5f6e7d8c9b0a")
        @NotNull
        UUID vehicleId,

        @Schema(description = "The file's name on the user's device", example = "my car.jpg")
        @NotBlank
        @Size(max = 1024)
        String filename,

        @Schema(
                description = "Declared type: image/jpeg, image/png, image/webp, image/heic, image/heif or image/avif",
                example = "image/jpeg")
        @NotBlank
        @Size(max = 255)
        String contentType,

        @Schema(description = "Exact size in bytes", example = "2483117") @NotNull @Positive
        Long contentLength) {}
