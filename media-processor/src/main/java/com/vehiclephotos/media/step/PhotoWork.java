package com.vehiclephotos.media.step;

import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.PublishedImage;
import com.vehiclephotos.events.storage.MediaKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the steps have learned and made so far about one upload. Lives for one photo only. */
public final class PhotoWork {

    /** A re-encoded image, before publishing. */
    public record Rendition(String variant, int width, int height, byte[] jpeg) {}

    /**
     * What the worker learnt about the photo beyond its sizes.
     *
     * @param thumbHash   its ThumbHash, at most 40 bytes, from its smallest output
     * @param dominantRgb its most common colour, {@code 0xRRGGBB}
     * @param perceptualHash its 64-bit DCT hash: near-identical photos differ in few bits
     * @param quality     advisory flags from its pixels (empty when none applies)
     */
    public record Insight(byte[] thumbHash, int dominantRgb, long perceptualHash, List<QualityFlag> quality) {

        public Insight {
            quality = List.copyOf(quality);
        }
    }

    /** An advisory quality flag ({@code BLURRY}, {@code TOO_DARK}, …) with the figure that raised it. */
    public record QualityFlag(String flag, double score) {

        /** LOW_RESOLUTION, scored by the short edge, when the photo's short edge is under {@code minShortEdge}. */
        public static Optional<QualityFlag> lowResolution(ImageStructure upright, int minShortEdge) {
            int shortEdge = Math.min(upright.width(), upright.height());
            return shortEdge < minShortEdge
                    ? Optional.of(new QualityFlag("LOW_RESOLUTION", shortEdge))
                    : Optional.empty();
        }
    }

    private final PhotoUploaded upload;
    private final Lane lane;
    private String declaredType;
    private String traceparent;
    private long size;
    private byte[] bytes;
    private String sha256;
    private String detectedType;
    private ImageStructure structure;
    private final List<Rendition> renditions = new ArrayList<>();
    private Insight insight;
    private final List<PublishedImage> published = new ArrayList<>();

    public PhotoWork(PhotoUploaded upload, Lane lane) {
        this.upload = upload;
        this.lane = lane;
    }

    public Lane lane() {
        return lane;
    }

    public PhotoUploaded upload() {
        return upload;
    }

    public String mediaPrefix() {
        return MediaKey.photoPrefix(upload.vehicleId(), upload.photoId());
    }

    public void inspected(String declaredType, long size, String traceparent) {
        this.declaredType = declaredType;
        this.size = size;
        this.traceparent = traceparent;
    }

    /** The W3C trace context of the presign request that made this upload, when it carried one. */
    public java.util.Optional<String> traceparent() {
        return java.util.Optional.ofNullable(traceparent);
    }

    public String declaredType() {
        return declaredType;
    }

    public long size() {
        return size;
    }

    public void downloaded(byte[] bytes, String sha256) {
        this.bytes = bytes;
        this.sha256 = sha256;
    }

    public byte[] bytes() {
        return bytes;
    }

    public String sha256() {
        return sha256;
    }

    public void sniffed(String detectedType) {
        this.detectedType = detectedType;
    }

    public String detectedType() {
        return detectedType;
    }

    public void measured(ImageStructure structure) {
        this.structure = structure;
    }

    /** Dimensions, depth and orientation, as the container declares them. */
    public ImageStructure structure() {
        return structure;
    }

    public void rendered(Rendition rendition) {
        renditions.add(rendition);
    }

    public void insight(Insight insight) {
        this.insight = insight;
    }

    /** Null until the worker has rendered the photo. */
    public Insight insight() {
        return insight;
    }

    public List<Rendition> renditions() {
        return renditions;
    }

    public void published(PublishedImage image) {
        published.add(image);
    }

    public List<PublishedImage> publishedImages() {
        return published;
    }

    /** Frees what the photo held: the bytes and the renditions. */
    public void release() {
        bytes = null;
        renditions.clear();
    }
}
