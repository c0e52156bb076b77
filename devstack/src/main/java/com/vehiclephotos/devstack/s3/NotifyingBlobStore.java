package com.vehiclephotos.devstack.s3;

import com.google.common.io.CountingInputStream;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The piece no S3 emulator offers: after each successful put, copy or completed multipart upload
 * under the routed bucket and prefix, it sends an ObjectCreated event message, the way S3 delivers
 * notifications to SQS. It also makes the public buckets readable without credentials, and
 * enforces conditional writes ({@code If-None-Match: *}), which s3proxy does not.
 *
 * <p>It also keeps a put from failing where S3 never fails: on disk, keys that share a prefix share
 * directories, and s3proxy's delete removes the parent directories it leaves empty. A put that
 * creates its directories while a delete in the same folder tidies them away finds its folder gone
 * ({@link NoSuchFileException}, 500). Nothing of the body has been read at that point, so the put
 * is simply made again; one vehicle's next upload racing the processor's deletion of its last one
 * did exactly this in the chaos suite.
 *
 * <p>Delivery happens before the PUT is answered, so a client that saw 200 can already find the
 * message on the queue. A failed delivery is logged and not retried (S3 itself only promises at
 * least once for what it accepted; the pipeline's reconciliation is not devstack's job).
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    private static final Logger log = LoggerFactory.getLogger(NotifyingBlobStore.class);
    private static final String MULTIPART_STUB = ".s3proxy-mpu-stub-";
    /** Each retry needs a delete to empty the folder again in the same instant; five never ran out. */
    private static final int ATTEMPTS = 5;

    private final String bucket;
    private final String prefix;
    private final Set<String> publicBuckets;
    private final S3EventMessages messages;
    private final Consumer<String> queue;

    NotifyingBlobStore(
            BlobStore delegate,
            String bucket,
            String prefix,
            Set<String> publicBuckets,
            S3EventMessages messages,
            Consumer<String> queue) {
        super(delegate);
        this.bucket = bucket;
        this.prefix = prefix;
        this.publicBuckets = publicBuckets;
        this.messages = messages;
        this.queue = queue;
    }

    /**
     * With {@code If-None-Match: *} (a conditional write), refused with 412 when the key exists, as
     * AWS S3 does; s3proxy passes the header on but does not enforce it. Check and write are one
     * step for conditional writes, so two racing PUTs cannot both win.
     */
    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
        PutObjectResponse response;
        if ("*".equals(request.ifNoneMatch())) {
            synchronized (this) {
                if (delegate()
                                .blobMetadataIfPresent(HeadObjectRequest.builder()
                                        .bucket(request.bucket())
                                        .key(request.key())
                                        .build())
                        != null) {
                    throw S3Exceptions.preconditionFailed(null);
                }
                response = putAgainIfItsFolderWasTidiedAway(request, payload);
            }
        } else {
            response = putAgainIfItsFolderWasTidiedAway(request, payload);
        }
        notifyCreated("ObjectCreated:Put", request.bucket(), request.key());
        return response;
    }

    private PutObjectResponse putAgainIfItsFolderWasTidiedAway(PutObjectRequest request, InputStream payload) {
        var body = new CountingInputStream(payload);
        for (int attempt = 1; ; attempt++) {
            try {
                return super.putBlob(request, body);
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || body.getCount() > 0 || !lostItsFolder(e)) {
                    throw e;
                }
                log.debug(
                        "s3://{}/{} lost its folder to a concurrent delete; putting it again",
                        request.bucket(),
                        request.key());
            }
        }
    }

    private static boolean lostItsFolder(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoSuchFileException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response;
        for (int attempt = 1; ; attempt++) {
            try {
                response = super.copyBlob(request);
                break;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !lostItsFolder(e)) {
                    throw e;
                }
            }
        }
        notifyCreated("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        var response = super.completeMultipartUpload(upload, request);
        notifyCreated("ObjectCreated:CompleteMultipartUpload", upload.containerName(), upload.blobName());
        return response;
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String name) {
        return publicBuckets.contains(container) ? ObjectCannedACL.PUBLIC_READ : super.getBlobAccess(container, name);
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String name, String versionId) {
        return publicBuckets.contains(container)
                ? ObjectCannedACL.PUBLIC_READ
                : super.getBlobAccess(container, name, versionId);
    }

    private void notifyCreated(String eventName, String container, String key) {
        if (!bucket.equals(container) || !key.startsWith(prefix) || key.contains(MULTIPART_STUB)) {
            return;
        }
        var head = delegate()
                .blobMetadataIfPresent(
                        HeadObjectRequest.builder().bucket(container).key(key).build());
        if (head == null) {
            return; // removed again before we looked: S3 would still notify, but there is nothing to describe
        }
        var size = head.contentLength() == null ? 0L : head.contentLength();
        try {
            queue.accept(messages.objectCreated(eventName, container, key, size, head.eTag(), Instant.now()));
        } catch (RuntimeException e) {
            log.error("Could not deliver the {} notification for s3://{}/{} to SQS", eventName, container, key, e);
        }
    }
}
