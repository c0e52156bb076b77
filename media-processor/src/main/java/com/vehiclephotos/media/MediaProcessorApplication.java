package com.vehiclephotos.media;

import com.vehiclephotos.media.worker.ImageWorker;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * media-processor: checks, scans and re-encodes every uploaded photo, publishes clean copies and
 * says so on Kafka. What it does, in order, is {@link com.vehiclephotos.media.processing.Pipeline#steps()}.
 * With {@link ImageWorker#ARGUMENT} the same program is an image worker process instead (no Spring):
 * that is how the service launches its workers from Boot's jar.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MediaProcessorApplication {

    public static void main(String[] args) throws java.io.IOException {
        if (args.length > 0 && args[0].equals(ImageWorker.ARGUMENT)) {
            ImageWorker.main(args);
            return;
        }
        SpringApplication.run(MediaProcessorApplication.class, args);
    }
}
