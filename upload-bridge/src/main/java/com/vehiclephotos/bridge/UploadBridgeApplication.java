package com.vehiclephotos.bridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * upload-bridge: S3's ObjectCreated notifications, read from SQS, become PhotoUploaded events on
 * Kafka. Its own deployment, scaled and restarted apart from the presign API; it serves only
 * operations endpoints (health, metrics) over HTTP.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class UploadBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(UploadBridgeApplication.class, args);
    }
}
