package com.vehiclephotos.vehicles.photo;

import java.time.Duration;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;

/** Thin: one event in, one application call. Retries and dead letters are KafkaConfiguration's. */
@Component
class PhotoEventListener {

    private final PhotoService photos;

    PhotoEventListener(PhotoService photos) {
        this.photos = photos;
    }

    @KafkaListener(id = "photo-events", topics = {Topics.PHOTO_UPLOADED, Topics.PHOTO_READY, Topics.PHOTO_REJECTED},
            groupId = "${vehicles.kafka.group-id:vehicle-service}")
    void on(PhotoEvent event) {
        photos.apply(event).block(Duration.ofSeconds(30));
    }
}
