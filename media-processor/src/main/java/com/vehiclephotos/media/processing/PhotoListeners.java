package com.vehiclephotos.media.processing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.vehiclephotos.events.PhotoDeleted;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.Topics;

/** Thin: map the record, call one method. */
@Component
class PhotoListeners {

    private final PhotoProcessor processor;
    private final Retries retries;

    PhotoListeners(PhotoProcessor processor, Retries retries) {
        this.processor = processor;
        this.retries = retries;
    }

    @KafkaListener(id = "uploads", topics = Topics.PHOTO_UPLOADED, groupId = "${media.kafka.group-id:media-processor}",
            concurrency = "${media.kafka.concurrency:2}")
    void uploaded(PhotoEvent event) {
        if (event instanceof PhotoUploaded uploaded) {
            processor.process(uploaded, 1);
        }
    }

    /** Files that failed before, each once its delay has passed; one thread, so retries never crowd out new photos. */
    @KafkaListener(id = "retries", topics = Retries.TOPIC, groupId = "${media.kafka.group-id:media-processor}")
    void retried(ConsumerRecord<String, PhotoEvent> record) throws InterruptedException {
        if (record.value() instanceof PhotoUploaded uploaded) {
            retries.awaitTurn(record.headers());
            processor.process(uploaded, Retries.attemptOf(record.headers()));
        }
    }

    @KafkaListener(id = "deletions", topics = Topics.PHOTO_DELETED, groupId = "${media.kafka.group-id:media-processor}")
    void deleted(PhotoEvent event) {
        if (event instanceof PhotoDeleted deleted) {
            processor.remove(deleted);
        }
    }
}
