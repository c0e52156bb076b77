package com.vehiclephotos.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

    private static byte[] jpeg() throws IOException {
        var image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().fillRect(8, 8, 20, 20);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** clamd's INSTREAM: chunks prefixed by their length, a zero length ends the stream. */
    private static String scan(byte[] bytes) throws IOException {
        try (var socket = new Socket("127.0.0.1", Integer.parseInt(RunningDevstack.endpoint("clamd.port")))) {
            socket.setSoTimeout(10_000);
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
