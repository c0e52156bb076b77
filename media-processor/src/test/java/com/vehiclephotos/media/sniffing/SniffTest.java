package com.vehiclephotos.media.sniffing;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.fixtures.images.Images;
import com.vehiclephotos.media.corpus.TestProperties;
import com.vehiclephotos.media.step.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SniffTest {

    private final Sniff sniff = new Sniff(TestProperties.defaults());

    @Test
    void passesAJpegDeclaredAsJpeg() {
        assertThat(sniff.apply(TestProperties.work(Images.jpeg(Images.marker(64, 48)), "image/jpeg")))
                .isEmpty();
    }

    @Test
    void heicAndHeifAreOneContainerWhicheverNameTheBrowserGives() {
        assertThat(sniff.apply(TestProperties.work(ftyp("heic"), "image/heic"))).isEmpty();
        assertThat(sniff.apply(TestProperties.work(ftyp("heic"), "image/heif"))).isEmpty();
        assertThat(sniff.apply(TestProperties.work(ftyp("mif1"), "image/heic"))).isEmpty();
        assertThat(sniff.apply(TestProperties.work(ftyp("avif"), "image/avif"))).isEmpty();
    }

    @Test
    void avifAndHeicAreNotInterchangeable() {
        assertThat(reason(ftyp("avif"), "image/heic")).isEqualTo(RejectionReason.TYPE_MISMATCH);
        assertThat(reason(ftyp("heic"), "image/avif")).isEqualTo(RejectionReason.TYPE_MISMATCH);
        assertThat(reason(ftyp("heic"), "image/jpeg")).isEqualTo(RejectionReason.TYPE_MISMATCH);
    }

    /** The start of an ISO base media file with this major brand (what Tika reads). */
    private static byte[] ftyp(String brand) {
        var bytes = new byte[64];
        var head = ("\0\0\0\u0018ftyp" + brand + "\0\0\0\0mif1" + brand).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    @Test
    void refusesHtmlWithAnImageName() {
        var html =
                "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);

        assertThat(reason(html, "image/jpeg")).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
    }

    @Test
    void refusesSvg() {
        var svg =
                "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"10\" height=\"10\"/></svg>"
                        .getBytes(StandardCharsets.UTF_8);

        assertThat(reason(svg, "image/jpeg")).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
    }

    @Test
    void refusesArchivesExecutablesAndTheEicarFileBeforeScanning() {
        assertThat(reason(Images.zip("car.jpg", Images.EICAR), "image/jpeg"))
                .isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
        assertThat(reason(Images.EICAR, "image/jpeg")).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
        assertThat(reason(new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0}, "image/jpeg"))
                .isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
    }

    @Test
    void refusesAPngDeclaredAsJpeg() {
        var outcome = sniff.apply(TestProperties.work(Images.png(Images.marker(64, 48)), "image/jpeg"));

        assertThat(outcome)
                .get()
                .isEqualTo(new Outcome.Rejected(
                        RejectionReason.TYPE_MISMATCH,
                        "The upload was declared image/jpeg but its content is image/png."));
    }

    @Test
    void refusesAJpegWithAZipAppended() {
        var polyglot = Images.concat(
                Images.jpeg(Images.marker(64, 48)), Images.zip("hidden.txt", "hi".getBytes(StandardCharsets.UTF_8)));

        var outcome = sniff.apply(TestProperties.work(polyglot, "image/jpeg"));

        assertThat(outcome).get().isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) outcome.get()).detail()).contains("ZIP");
    }

    private RejectionReason reason(byte[] bytes, String declared) {
        Optional<Outcome> outcome = sniff.apply(TestProperties.work(bytes, declared));
        assertThat(outcome).get().isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome.get()).reason();
    }
}
