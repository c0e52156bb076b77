package com.vehiclephotos.media.processing;

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

    PhotoListeners(PhotoProcessor processor) {
        this.processor = processor;
    }

    @KafkaListener(id = "uploads", topics = Topics.PHOTO_UPLOADED, groupId = "${media.kafka.group-id:media-processor}",
            concurrency = "${media.kafka.concurrency:2}")
    void uploaded(PhotoEvent event) {
        if (event instanceof PhotoUploaded uploaded) {
            processor.process(uploaded);
        }
    }

    @KafkaListener(id = "deletions", topics = Topics.PHOTO_DELETED, groupId = "${media.kafka.group-id:media-processor}")
    void deleted(PhotoEvent event) {
        if (event instanceof PhotoDeleted deleted) {
            processor.remove(deleted);
        }
    }
}
