package com.vehiclephotos.media.processing;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.media.step.RetryLater;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/** A record sent and acknowledged by Kafka before the caller goes on; Kafka not answering is RetryLater. */
final class Send {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Send() {}

    static void acknowledged(
            KafkaTemplate<String, PhotoEvent> kafka, ProducerRecord<String, PhotoEvent> record, String what) {
        try {
            kafka.send(record).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLater("Interrupted while sending " + what, e);
        } catch (Exception e) {
            throw new RetryLater("Kafka did not acknowledge " + what, e);
        }
    }
}
