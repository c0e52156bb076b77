package com.vehiclephotos.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** clamd with devstack's signature database finds EICAR, alone or hidden in a JPEG, and passes clean photos. */
class ClamdServerTest {

    // Assembled at run time so that this source file is not itself the test file.
    static final byte[] EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")
            .getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void requireClamd() {
        if (!Boolean.parseBoolean(RunningDevstack.endpoint("clamd.available"))) {
            if (Boolean.getBoolean("devstack.clamav.required")) {
                fail(
                        "clamd is required (-Ddevstack.clamav.required=true) but not installed: apt-get install clamav-daemon");
            }
            Assumptions.abort("clamd is not installed (apt-get install clamav-daemon); scanner tests skipped");
        }
    }

    @Test
    void findsTheEicarTestFile() throws Exception {
        assertThat(scan(EICAR)).endsWith("FOUND").contains("Devstack.Test.EICAR");
    }

    @Test
    void findsEicarAppendedToARealJpeg() throws Exception {
        var polyglot = new ByteArrayOutputStream();
        polyglot.write(jpeg());
        polyglot.write(EICAR);

        assertThat(scan(polyglot.toByteArray())).endsWith("FOUND");
    }

    @Test
    void passesACleanJpeg() throws Exception {
        assertThat(scan(jpeg())).isEqualTo("stream: OK");
    }

    /**
     * clamd does not decode images (ScanImageFuzzyHash no): a 31 KB PNG of 144 megapixels is
     * scanned as the 31 KB it is. With ClamAV's default, clamd decodes it to hash it — about half a
     * minute of a clamd thread here — so a handful of them would stall every other upload's scan.
     */
    @Test
    void aSmallImageOfManyPixelsIsNotDecoded() throws Exception {
        assertThat(scan(blackPng(12_000, 12_000), Duration.ofSeconds(10))).isEqualTo("stream: OK");
    }

    /** A valid grey PNG of the given size, all black: compresses about a thousandfold. */
    private static byte[] blackPng(int width, int height) throws IOException {
        var pixels = new ByteArrayOutputStream();
        try (var deflate = new DeflaterOutputStream(pixels, new Deflater(9))) {
            var row = new byte[width + 1]; // filter byte 0, then the row
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        }
        var png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(
                png,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put(new byte[] {8, 0, 0, 0, 0})
                        .array());
        chunk(png, "IDAT", pixels.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        var typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(typeBytes);
        png.write(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] jpeg() throws IOException {
        var image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().fillRect(8, 8, 20, 20);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** clamd's INSTREAM: chunks prefixed by their length, a zero length ends the stream. */
    private static String scan(byte[] bytes) throws IOException {
        return scan(bytes, Duration.ofSeconds(10));
    }

    private static String scan(byte[] bytes, Duration timeout) throws IOException {
        try (var socket = new Socket("127.0.0.1", Integer.parseInt(RunningDevstack.endpoint("clamd.port")))) {
            socket.setSoTimeout((int) timeout.toMillis());
            var out = new DataOutputStream(socket.getOutputStream());
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            out.writeInt(bytes.length);
            out.write(bytes);
            out.writeInt(0);
            out.flush();
            var reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return reply.replace("\0", "").trim();
        }
    }
}
