package com.vehiclephotos.media.inspecting;

import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.Outcome;
import com.vehiclephotos.media.step.PhotoWork;
import com.vehiclephotos.media.step.Step;
import com.vehiclephotos.media.step.Storage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * GET of exactly the version the notification named (If-Match its ETag), never more than the size
 * limit, and the SHA-256 of what arrived. Another version at the key is not this upload: gone.
 */
@Component
public class Download implements Step {

    private final Storage storage;
    private final MediaProperties properties;

    Download(Storage storage, MediaProperties properties) {
        this.storage = storage;
        this.properties = properties;
    }

    @Override
    public Optional<Outcome> apply(PhotoWork work) {
        var bytes = storage.get(
                work.upload().bucket(),
                work.upload().key(),
                work.upload().eTag(),
                properties.maxSize().toBytes());
        if (bytes.isEmpty()) {
            return Optional.of(new Outcome.Gone());
        }
        work.downloaded(bytes.get(), sha256(bytes.get()));
        return Step.next();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
