package com.vehiclephotos.upload.demo;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The demo page at {@code /demo/}: off unless enabled (the local profile enables it).
 *
 * @param enabled     serve the page
 * @param vehiclesUrl where the browser reaches vehicle-service (which must allow this page's origin in CORS)
 */
@Validated
@ConfigurationProperties("upload.demo")
public record DemoProperties(boolean enabled, @NotNull URI vehiclesUrl) {}
