package com.vehiclephotos.vehicles;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * vehicle-service: owners' vehicles ({@code vehicle}), and their photos as the pipeline's events
 * describe them ({@code photo}), with the events it emits itself leaving through an outbox.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class VehicleServiceApplication {

    /** The CloudEvents {@code source} of everything vehicle-service writes to Kafka. */
    public static final String EVENT_SOURCE = "/vehicle-photos/vehicle-service";

    public static void main(String[] args) {
        SpringApplication.run(VehicleServiceApplication.class, args);
    }
}
