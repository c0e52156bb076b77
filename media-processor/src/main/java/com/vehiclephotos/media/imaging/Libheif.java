package com.vehiclephotos.media.imaging;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.vehiclephotos.events.RejectionReason;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.ref.Reference;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HEIC, HEIF and AVIF through libheif (Debian's {@code libheif1}, with libde265 and dav1d), called
 * in the image worker through JNA: the primary image decoded straight to 8-bit interleaved RGB, with
 * the container's rotation and mirroring ({@code irot}, {@code imir}) applied by libheif, as the
 * format requires. The colour profile comes back beside the pixels, unapplied. Like libjpeg-turbo it
 * is loaded when installed; without it these types cannot be decoded and say so.
 */
final class Libheif {

    private static final Logger log = LoggerFactory.getLogger(Libheif.class);
    private static final int COLORSPACE_RGB = 1;
    private static final int CHROMA_INTERLEAVED_RGB = 10;
    private static final int CHANNEL_INTERLEAVED = 10;
    private static final int PROFILE_PROF = fourcc("prof");
    private static final int PROFILE_RICC = fourcc("rICC");
    private static final Optional<Libheif> SHARED = load();

    /** The part of libheif's C API this needs (libheif 1.15: heif.h). */
    interface Api extends Library {
        HeifError.ByValue heif_init(Pointer params);

        String heif_get_version();

        Pointer heif_context_alloc();

        void heif_context_free(Pointer context);

        void heif_context_set_maximum_image_size_limit(Pointer context, int maximumWidth);

        HeifError.ByValue heif_context_read_from_memory_without_copy(
                Pointer context, Pointer memory, long size, Pointer options);

        HeifError.ByValue heif_context_get_primary_image_handle(Pointer context, PointerByReference handle);

        int heif_image_handle_get_width(Pointer handle);

        int heif_image_handle_get_height(Pointer handle);

        int heif_image_handle_get_color_profile_type(Pointer handle);

        long heif_image_handle_get_raw_color_profile_size(Pointer handle);

        HeifError.ByValue heif_image_handle_get_raw_color_profile(Pointer handle, byte[] out);

        HeifError.ByValue heif_decode_image(
                Pointer handle, PointerByReference image, int colorspace, int chroma, Pointer options);

        Pointer heif_image_get_plane_readonly(Pointer image, int channel, IntByReference stride);

        int heif_image_get_width(Pointer image, int channel);

        int heif_image_get_height(Pointer image, int channel);

        void heif_image_release(Pointer image);

        void heif_image_handle_release(Pointer handle);
    }

    /** {@code struct heif_error}, returned by value. */
    @Structure.FieldOrder({"code", "subcode", "message"})
    public static class HeifError extends Structure {
        public int code;
        public int subcode;
        public Pointer message;

        public static class ByValue extends HeifError implements Structure.ByValue {}
    }

    private final Api api;

    private Libheif(Api api) {
        this.api = api;
    }

    static Optional<Libheif> shared() {
        return SHARED;
    }

    String version() {
        return api.heif_get_version();
    }

    /**
     * The primary image, upright as the container says, never wider or taller than {@code maxEdge}
     * (libheif refuses such a file before allocating its pixels).
     */
    Decoded decode(byte[] bytes, int maxEdge) throws Refused {
        var memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        Pointer context = api.heif_context_alloc();
        Pointer handle = null;
        Pointer image = null;
        try {
            api.heif_context_set_maximum_image_size_limit(context, maxEdge);
            check(api.heif_context_read_from_memory_without_copy(context, memory, bytes.length, null));
            var handleRef = new PointerByReference();
            check(api.heif_context_get_primary_image_handle(context, handleRef));
            handle = handleRef.getValue();
            var profile = profile(handle);
            var imageRef = new PointerByReference();
            check(api.heif_decode_image(handle, imageRef, COLORSPACE_RGB, CHROMA_INTERLEAVED_RGB, null));
            image = imageRef.getValue();
            return new Decoded(pixels(image), profile);
        } finally {
            if (image != null) {
                api.heif_image_release(image);
            }
            if (handle != null) {
                api.heif_image_handle_release(handle);
            }
            api.heif_context_free(context);
            Reference.reachabilityFence(memory); // libheif reads it until the context is freed
        }
    }

    /** The primary image's size as libheif reports it: after rotation and cropping. */
    private BufferedImage pixels(Pointer image) throws Refused {
        int width = api.heif_image_get_width(image, CHANNEL_INTERLEAVED);
        int height = api.heif_image_get_height(image, CHANNEL_INTERLEAVED);
        var stride = new IntByReference();
        Pointer plane = api.heif_image_get_plane_readonly(image, CHANNEL_INTERLEAVED, stride);
        if (plane == null || width < 1 || height < 1 || stride.getValue() < width * 3) {
            throw new Refused(RejectionReason.CORRUPT_IMAGE, "libheif decoded no RGB pixels.");
        }
        var result = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] target = ((DataBufferInt) result.getRaster().getDataBuffer()).getData();
        var row = new byte[width * 3];
        for (int y = 0; y < height; y++) {
            plane.read((long) y * stride.getValue(), row, 0, row.length);
            int offset = y * width;
            for (int x = 0, i = 0; x < width; x++, i += 3) {
                target[offset + x] = (row[i] & 0xFF) << 16 | (row[i + 1] & 0xFF) << 8 | (row[i + 2] & 0xFF);
            }
        }
        return result;
    }

    /** An ICC profile ({@code prof} or {@code rICC}); an nclx description is taken as sRGB. */
    private Optional<ICC_Profile> profile(Pointer handle) {
        int type = api.heif_image_handle_get_color_profile_type(handle);
        if (type != PROFILE_PROF && type != PROFILE_RICC) {
            return Optional.empty();
        }
        long size = api.heif_image_handle_get_raw_color_profile_size(handle);
        if (size <= 0 || size > 4 * 1024 * 1024) {
            return Optional.empty();
        }
        var bytes = new byte[(int) size];
        var error = api.heif_image_handle_get_raw_color_profile(handle, bytes);
        if (error.code != 0) {
            return Optional.empty();
        }
        return ColourProfiles.parse(bytes);
    }

    private static void check(HeifError error) throws Refused {
        if (error.code != 0) {
            String message = error.message == null ? "error " + error.code : error.message.getString(0);
            throw new Refused(RejectionReason.CORRUPT_IMAGE, "libheif cannot decode it: " + message);
        }
    }

    private static int fourcc(String code) {
        return code.charAt(0) << 24 | code.charAt(1) << 16 | code.charAt(2) << 8 | code.charAt(3);
    }

    private static Optional<Libheif> load() {
        try {
            Api api = Native.load("heif", Api.class);
            api.heif_init(null);
            var libheif = new Libheif(api);
            log.info("libheif {} decodes HEIC, HEIF and AVIF", libheif.version());
            return Optional.of(libheif);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            log.warn("libheif is not installed (Debian: libheif1): HEIC, HEIF and AVIF cannot be decoded here");
            return Optional.empty();
        }
    }
}
