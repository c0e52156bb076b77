package com.vehiclephotos.media.worker;

import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.media.imaging.RenderSpec;
import com.vehiclephotos.media.step.ImageStructure;
import com.vehiclephotos.media.step.PhotoWork.Insight;
import com.vehiclephotos.media.step.PhotoWork.QualityFlag;
import com.vehiclephotos.media.step.PhotoWork.Rendition;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames between the processor and a worker over the worker's stdin and stdout, one photo at a
 * time: a hello when the worker is warm, then request → reply. Both sides bound every length
 * they read; the processor treats a worker's reply as untrusted too (a decoder exploit would
 * speak through it).
 */
final class WorkerProtocol {

    static final int HELLO = 0x56505731; // "VPW1"
    static final int REQUEST = 0x56505251; // "VPRQ"
    static final int REPLY = 0x56505250; // "VPRP"
    private static final int RENDERED = 1;
    private static final int REFUSED = 2;
    private static final int MAX_RENDITIONS = 32;
    private static final int MAX_EDGE = 65_535;
    private static final int MAX_THUMBHASH = 40;
    private static final int MAX_FLAGS = 8;

    /** One photo to render. */
    record Request(String type, ImageStructure structure, RenderSpec spec, byte[] bytes) {}

    /** What a worker answers, or what the supervisor makes of a worker that did not answer. */
    sealed interface Result {
        record Rendered(List<Rendition> renditions, Insight insight, long decodeNanos, long resizeNanos)
                implements Result {}

        record Refused(RejectionReason reason, String detail) implements Result {}

        /** The worker overran the budget, crashed or spoke nonsense: it was replaced; the file is suspect. */
        record Failed(String detail) implements Result {}
    }

    private WorkerProtocol() {}

    static void writeHello(DataOutputStream out, long pid) throws IOException {
        out.writeInt(HELLO);
        out.writeLong(pid);
        out.flush();
    }

    static long readHello(DataInputStream in) throws IOException {
        expect(in, HELLO);
        return in.readLong();
    }

    static void writeRequest(DataOutputStream out, Request request) throws IOException {
        out.writeInt(REQUEST);
        out.writeUTF(request.type());
        var s = request.structure();
        out.writeInt(s.width());
        out.writeInt(s.height());
        out.writeInt(s.bitsPerPixel());
        out.writeInt(s.orientation());
        var spec = request.spec();
        out.writeInt(spec.originalMaxEdge());
        out.writeInt(spec.variants().size());
        for (int edge : spec.variants()) {
            out.writeInt(edge);
        }
        out.writeInt(spec.quality());
        out.writeLong(spec.maxPixels());
        out.writeInt(request.bytes().length);
        out.write(request.bytes());
        out.flush();
    }

    static Request readRequest(DataInputStream in, int maxBytes) throws IOException {
        expect(in, REQUEST);
        var type = in.readUTF();
        var structure = new ImageStructure(in.readInt(), in.readInt(), in.readInt(), in.readInt());
        int originalMaxEdge = in.readInt();
        int count = bounded(in.readInt(), MAX_RENDITIONS, "variants");
        var variants = new ArrayList<Integer>(count);
        for (int i = 0; i < count; i++) {
            variants.add(in.readInt());
        }
        var spec = new RenderSpec(originalMaxEdge, variants, in.readInt(), in.readLong());
        var bytes = new byte[bounded(in.readInt(), maxBytes, "photo bytes")];
        in.readFully(bytes);
        return new Request(type, structure, spec, bytes);
    }

    static void writeReply(DataOutputStream out, Result result) throws IOException {
        out.writeInt(REPLY);
        if (result instanceof Result.Rendered rendered) {
            out.writeByte(RENDERED);
            out.writeLong(rendered.decodeNanos());
            out.writeLong(rendered.resizeNanos());
            out.writeInt(rendered.renditions().size());
            for (var r : rendered.renditions()) {
                out.writeUTF(r.variant());
                out.writeInt(r.width());
                out.writeInt(r.height());
                out.writeInt(r.jpeg().length);
                out.write(r.jpeg());
            }
            out.writeByte(rendered.insight().thumbHash().length);
            out.write(rendered.insight().thumbHash());
            out.writeInt(rendered.insight().dominantRgb());
            out.writeLong(rendered.insight().perceptualHash());
            out.writeByte(rendered.insight().quality().size());
            for (var flag : rendered.insight().quality()) {
                out.writeUTF(flag.flag());
                out.writeDouble(flag.score());
            }
        } else if (result instanceof Result.Refused refused) {
            out.writeByte(REFUSED);
            out.writeUTF(refused.reason().name());
            out.writeUTF(refused.detail().length() > 1000 ? refused.detail().substring(0, 1000) : refused.detail());
        } else {
            throw new IllegalArgumentException("a worker answers rendered or refused, not " + result);
        }
        out.flush();
    }

    /** A reply, checked: known kind and reason, sane sizes, JPEG bytes, at most {@code maxBytes} in all. */
    static Result readReply(DataInputStream in, long maxBytes) throws IOException {
        expect(in, REPLY);
        int kind = in.readUnsignedByte();
        if (kind == REFUSED) {
            RejectionReason reason;
            try {
                reason = RejectionReason.valueOf(in.readUTF());
            } catch (IllegalArgumentException e) {
                throw new IOException("a worker answered with an unknown reason");
            }
            return new Result.Refused(reason, in.readUTF());
        }
        if (kind != RENDERED) {
            throw new IOException("a worker answered with kind " + kind);
        }
        long decodeNanos = in.readLong();
        long resizeNanos = in.readLong();
        int count = bounded(in.readInt(), MAX_RENDITIONS, "renditions");
        var renditions = new ArrayList<Rendition>(count);
        long total = 0;
        for (int i = 0; i < count; i++) {
            var variant = in.readUTF();
            int width = bounded(in.readInt(), MAX_EDGE, "width");
            int height = bounded(in.readInt(), MAX_EDGE, "height");
            int length = bounded(in.readInt(), (int) Math.min(Integer.MAX_VALUE, maxBytes - total), "rendition bytes");
            total += length;
            var jpeg = new byte[length];
            in.readFully(jpeg);
            if (!variant.matches("[a-z0-9]{1,16}")
                    || width < 1
                    || height < 1
                    || length < 4
                    || jpeg[0] != (byte) 0xFF
                    || jpeg[1] != (byte) 0xD8) {
                throw new IOException("a worker answered with a rendition that is not a JPEG of sane size");
            }
            renditions.add(new Rendition(variant, width, height, jpeg));
        }
        var thumbHash = new byte[bounded(in.readUnsignedByte(), MAX_THUMBHASH, "thumbhash bytes")];
        in.readFully(thumbHash);
        int dominant = in.readInt();
        long perceptualHash = in.readLong();
        if (thumbHash.length < 5 || (dominant & 0xFF000000) != 0) {
            throw new IOException("a worker answered with an insight that is no ThumbHash and colour");
        }
        int flagCount = bounded(in.readUnsignedByte(), MAX_FLAGS, "quality flags");
        var quality = new ArrayList<QualityFlag>(flagCount);
        for (int i = 0; i < flagCount; i++) {
            var flag = in.readUTF();
            double score = in.readDouble();
            if (!flag.matches("[A-Z_]{1,40}") || !Double.isFinite(score)) {
                throw new IOException("a worker answered with a quality flag that is not one");
            }
            quality.add(new QualityFlag(flag, score));
        }
        return new Result.Rendered(
                renditions, new Insight(thumbHash, dominant, perceptualHash, quality), decodeNanos, resizeNanos);
    }

    private static void expect(DataInputStream in, int magic) throws IOException {
        int read = in.readInt();
        if (read != magic) {
            throw new IOException(String.format("out of step: expected frame %08x, read %08x", magic, read));
        }
    }

    private static int bounded(int value, int max, String what) throws IOException {
        if (value < 0 || value > max) {
            throw new IOException(what + " out of bounds: " + value);
        }
        return value;
    }
}
