package com.vehiclephotos.media.imaging;

import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast path for JPEGs: libjpeg-turbo's DCT-domain scaling (by 1/2, 1/4, 1/8) decodes a 24 MP
 * photo straight to about the size of the biggest output, several times faster than a full decode. It comes from
 * Debian's packages (libturbojpeg-java, libturbojpeg0-dev), not from Maven Central, so it is
 * loaded when present and everything falls back to ImageIO when not — and for what it does not
 * handle as well: CMYK/YCCK and any warning (a damaged file then gets
 * ImageIO's careful verdict).
 */
final class TurboJpeg {

    static final Path DEFAULT_JAR = Path.of("/usr/share/java/turbojpeg.jar");
    private static final Logger log = LoggerFactory.getLogger(TurboJpeg.class);
    private static final int CS_CMYK = 3;
    private static final int CS_YCCK = 4;
    private static final int FLAG_STOPONWARNING = 8192;
    private static final int SAMP_420 = 2;

    private final Class<?> decompressor;
    private final Method width;
    private final Method height;
    private final Method colorspace;
    private final Method decompress;
    private final Method close;
    private final Object[] factors;
    private final Method scaled;
    private final Method numerator;
    private final Method denominator;
    private final Class<?> compressor;
    private final Method setSource;
    private final Method setSubsampling;
    private final Method setQuality;
    private final Method compress;
    private final Method compressedSize;
    private final Method closeCompressor;

    private TurboJpeg(ClassLoader loader) throws ReflectiveOperationException {
        var tj = loader.loadClass("org.libjpegturbo.turbojpeg.TJ");
        decompressor = loader.loadClass("org.libjpegturbo.turbojpeg.TJDecompressor");
        var factor = loader.loadClass("org.libjpegturbo.turbojpeg.TJScalingFactor");
        width = decompressor.getMethod("getWidth");
        height = decompressor.getMethod("getHeight");
        colorspace = decompressor.getMethod("getColorspace");
        decompress = decompressor.getMethod("decompress", int.class, int.class, int.class, int.class);
        close = decompressor.getMethod("close");
        factors = (Object[]) tj.getMethod("getScalingFactors").invoke(null);
        scaled = factor.getMethod("getScaled", int.class);
        numerator = factor.getMethod("getNum");
        denominator = factor.getMethod("getDenom");
        compressor = loader.loadClass("org.libjpegturbo.turbojpeg.TJCompressor");
        setSource =
                compressor.getMethod("setSourceImage", BufferedImage.class, int.class, int.class, int.class, int.class);
        setSubsampling = compressor.getMethod("setSubsamp", int.class);
        setQuality = compressor.getMethod("setJPEGQuality", int.class);
        compress = compressor.getMethod("compress", int.class);
        compressedSize = compressor.getMethod("getCompressedSize");
        closeCompressor = compressor.getMethod("close");
    }

    /**
     * Baseline JPEG, 4:2:0, the given quality (1..100), JFIF header only — no EXIF, ICC or comment;
     * empty if libjpeg-turbo refuses, so the caller encodes with ImageIO.
     */
    Optional<byte[]> encode(BufferedImage image, int quality) {
        Object tj = null;
        try {
            tj = compressor.getConstructor().newInstance();
            setSource.invoke(tj, image, 0, 0, image.getWidth(), image.getHeight());
            setSubsampling.invoke(tj, SAMP_420);
            setQuality.invoke(tj, quality);
            var buffer = (byte[]) compress.invoke(tj, 0);
            return Optional.of(java.util.Arrays.copyOf(buffer, (int) compressedSize.invoke(tj)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        } finally {
            if (tj != null) {
                try {
                    closeCompressor.invoke(tj);
                } catch (ReflectiveOperationException e) {
                    log.debug("closing TJCompressor: {}", e.toString());
                }
            }
        }
    }

    private static volatile Optional<TurboJpeg> shared;

    /** Loaded once per JVM: a native library can belong to one class loader only. */
    static synchronized Optional<TurboJpeg> shared() {
        if (shared == null) {
            shared = load(DEFAULT_JAR);
        }
        return shared;
    }

    /** The library if it can be loaded from {@code jar} and its native part; empty otherwise. */
    static Optional<TurboJpeg> load(Path jar) {
        if (!Files.isRegularFile(jar)) {
            log.info("libjpeg-turbo's Java binding is not installed ({}): JPEGs decode with ImageIO only", jar);
            return Optional.empty();
        }
        try {
            var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, TurboJpeg.class.getClassLoader());
            var turbo = new TurboJpeg(loader);
            log.info("JPEGs decode with libjpeg-turbo's scaled decoding ({} scaling factors)", turbo.factors.length);
            return Optional.of(turbo);
        } catch (Throwable e) {
            log.warn("libjpeg-turbo could not be loaded ({}): JPEGs decode with ImageIO only", e.toString());
            return Optional.empty();
        }
    }

    /** The largest dimensions a scaled decode would give for at least {@code minLongestEdge}. */
    int[] scaledSize(int width, int height, int minLongestEdge) {
        try {
            return scaledSizeOrThrow(width, height, minLongestEdge);
        } catch (ReflectiveOperationException e) {
            return new int[] {width, height};
        }
    }

    private int[] scaledSizeOrThrow(int width, int height, int minLongestEdge) throws ReflectiveOperationException {
        int longest = Math.max(width, height);
        int target = Math.min(longest, minLongestEdge);
        Object best = null;
        int bestScaled = Integer.MAX_VALUE;
        for (var factor : factors) {
            if (!powerOfTwo(factor)) {
                continue; // 3/4, 5/8...: measurably softer (2 dB at 1600 px on a 3837 px photo)
            }
            int s = (int) scaled.invoke(factor, longest);
            if (s >= target && s <= longest && s < bestScaled) {
                best = factor;
                bestScaled = s;
            }
        }
        if (best == null) {
            return new int[] {width, height};
        }
        return new int[] {(int) scaled.invoke(best, width), (int) scaled.invoke(best, height)};
    }

    private boolean powerOfTwo(Object factor) throws ReflectiveOperationException {
        int num = (int) numerator.invoke(factor);
        int denom = (int) denominator.invoke(factor);
        return num == 1 && Integer.bitCount(denom) == 1;
    }

    /**
     * A decode scaled so that the longest edge stays at least {@code minLongestEdge}; empty where
     * ImageIO should decode — and where libjpeg-turbo reads other dimensions than expected, so that
     * ImageIO's careful check refuses the file.
     */
    Optional<BufferedImage> decode(byte[] jpeg, int minLongestEdge, int expectedWidth, int expectedHeight) {
        Object tj = null;
        try {
            tj = decompressor.getConstructor(byte[].class).newInstance((Object) jpeg);
            int cs = (int) colorspace.invoke(tj);
            if (cs == CS_CMYK || cs == CS_YCCK) {
                return Optional.empty();
            }
            int w = (int) width.invoke(tj);
            int h = (int) height.invoke(tj);
            if (w != expectedWidth || h != expectedHeight) {
                return Optional.empty();
            }
            var size = scaledSizeOrThrow(w, h, minLongestEdge);
            return Optional.of((BufferedImage)
                    decompress.invoke(tj, size[0], size[1], BufferedImage.TYPE_INT_RGB, FLAG_STOPONWARNING));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty(); // warnings included: ImageIO decides whether the file is damaged
        } finally {
            if (tj != null) {
                try {
                    close.invoke(tj);
                } catch (ReflectiveOperationException e) {
                    log.debug("closing TJDecompressor: {}", e.toString());
                }
            }
        }
    }
}
