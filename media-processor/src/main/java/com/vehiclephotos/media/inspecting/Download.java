package com.vehiclephotos.media.inspecting;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.vehiclephotos.media.pipeline.MediaProperties;
import com.vehiclephotos.media.pipeline.Outcome;
import com.vehiclephotos.media.pipeline.PhotoWork;
import com.vehiclephotos.media.pipeline.Step;
import com.vehiclephotos.media.pipeline.Storage;

/** GET, never more than the size limit, and the SHA-256 of what arrived. */
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
        var bytes = storage.get(work.upload().bucket(), work.upload().key(), properties.maxSize().toBytes());
        work.downloaded(bytes, sha256(bytes));
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
