package com.vehiclephotos.upload.ownership;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * @param topic     the compacted vehicle-owner topic vehicle-service writes
 * @param missGrace how long a presign for a vehicle the view does not know waits for it to appear
 *                  (a vehicle created a moment ago) before answering 404
 */
@Validated
@ConfigurationProperties("upload.ownership")
record OwnershipProperties(@NotBlank String topic, @NotNull Duration missGrace) {
}
