package com.vehiclephotos.upload;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * upload-api: hands browsers presigned S3 URLs for their vehicles' photos ({@code presign}), and
 * bridges S3's notifications from SQS into Kafka ({@code bridge}). Either part can be switched off,
 * so the same artifact runs as API only, bridge only, or both.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class UploadApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(UploadApiApplication.class, args);
    }
}
