package com.vehiclephotos.media.processing;

import com.vehiclephotos.events.PhotoDeleted;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.kafka.KafkaTrace;
import com.vehiclephotos.media.step.Lane;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Thin: map the record, call one method. */
@Component
class PhotoListeners {

    private final PhotoProcessor processor;
    private final SlowLane slowLane;

    PhotoListeners(PhotoProcessor processor, SlowLane slowLane) {
        this.processor = processor;
        this.slowLane = slowLane;
    }

    @KafkaListener(
            id = "uploads",
            topics = Topics.PHOTO_UPLOADED,
            groupId = "${media.kafka.group-id:media-processor}",
            concurrency = "${media.kafka.concurrency:2}")
    void uploaded(ConsumerRecord<String, PhotoEvent> record) {
        if (record.value() instanceof PhotoUploaded uploaded) {
            processor.process(uploaded, 1, Lane.MAIN, KafkaTrace.header(record.headers()));
        }
    }

    /** Retries once their delay has passed, and heavy photos; one thread, so neither crowds out new photos. */
    @KafkaListener(id = "slow-lane", topics = SlowLane.TOPIC, groupId = "${media.kafka.group-id:media-processor}")
    void slow(ConsumerRecord<String, PhotoEvent> record) throws InterruptedException {
        if (record.value() instanceof PhotoUploaded uploaded) {
            slowLane.awaitTurn(record.headers());
            processor.process(
                    uploaded, SlowLane.attemptOf(record.headers()), Lane.SLOW, KafkaTrace.header(record.headers()));
        }
    }

    @KafkaListener(id = "deletions", topics = Topics.PHOTO_DELETED, groupId = "${media.kafka.group-id:media-processor}")
    void deleted(PhotoEvent event) {
        if (event instanceof PhotoDeleted deleted) {
            processor.remove(deleted);
        }
    }
}
