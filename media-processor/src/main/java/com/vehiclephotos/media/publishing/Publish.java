package com.vehiclephotos.media.publishing;

import com.vehiclephotos.events.PublishedImage;
import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.Outcome;
import com.vehiclephotos.media.step.PhotoWork;
import com.vehiclephotos.media.step.Step;
import com.vehiclephotos.media.step.Storage;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * PUTs every rendition to the media bucket under keys fixed by vehicle, photo and variant, so a
 * second run writes the same objects again; immutable, cached for a year.
 */
@Component
public class Publish implements Step {

    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";
    private final Storage storage;
    private final MediaProperties properties;

    Publish(Storage storage, MediaProperties properties) {
        this.storage = storage;
        this.properties = properties;
    }

    @Override
    public Optional<Outcome> apply(PhotoWork work) {
        for (var rendition : work.renditions()) {
            var key = work.mediaPrefix() + rendition.variant() + ".jpg";
            storage.put(
                    properties.mediaBucket(), key, rendition.jpeg(), "image/jpeg", CACHE_CONTROL, java.util.Map.of());
            work.published(new PublishedImage(
                    rendition.variant(),
                    properties.publicUrl(key),
                    key,
                    rendition.width(),
                    rendition.height(),
                    rendition.jpeg().length,
                    "image/jpeg"));
        }
        return Step.next();
    }
}
