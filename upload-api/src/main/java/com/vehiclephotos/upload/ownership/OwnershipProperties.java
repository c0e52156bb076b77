package com.vehiclephotos.upload.ownership;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param topic        the compacted vehicle-owner topic vehicle-service writes; records the view cannot
 *                     read are copied to its .DLT twin
 * @param missGrace    how long a presign for a vehicle the view does not know waits for it to appear
 *                     (a vehicle created a moment ago) before answering 404
 * @param maxStaleness how far behind the topic the view may fall, while the broker answers, before the
 *                     instance reports not ready (it cannot keep up); a broker that is away does not
 *                     make it not ready — the view keeps what it has
 */
@Validated
@ConfigurationProperties("upload.ownership")
record OwnershipProperties(
        @NotBlank String topic,
        @NotNull Duration missGrace,
        @NotNull Duration maxStaleness) {}
