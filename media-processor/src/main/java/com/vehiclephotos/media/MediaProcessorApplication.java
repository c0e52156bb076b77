package com.vehiclephotos.media;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * media-processor: checks, scans and re-encodes every uploaded photo, publishes clean copies and
 * says so on Kafka. What it does, in order, is {@link com.vehiclephotos.media.processing.Pipeline#steps()}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MediaProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(MediaProcessorApplication.class, args);
    }
}
