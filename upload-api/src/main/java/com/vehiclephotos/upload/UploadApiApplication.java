package com.vehiclephotos.upload;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * upload-api: hands browsers presigned S3 URLs for their vehicles' photos ({@code presign}), for
 * the vehicles their owners own ({@code ownership}). S3's notifications of the uploads reach Kafka
 * through upload-bridge, a deployment of its own.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class UploadApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(UploadApiApplication.class, args);
    }
}
