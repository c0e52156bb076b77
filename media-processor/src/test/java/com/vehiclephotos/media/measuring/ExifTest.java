package com.vehiclephotos.media.measuring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Capture details from hostile or careless metadata: absent rather than wrong, and never unbounded. */
class ExifTest {

    @Test
    void anExifDateBecomesIsoWithItsOffsetWhenTheCameraRecordedOne() {
        assertThat(Exif.takenAt("2026:11:25 16:42:07", "+01:00")).isEqualTo("2026-11-25T16:42:07+01:00");
        assertThat(Exif.takenAt("2026:11:25 16:42:07", null)).isEqualTo("2026-11-25T16:42:07");
        assertThat(Exif.takenAt(" 2026:11:25 16:42:07 ", "-05:30")).isEqualTo("2026-11-25T16:42:07-05:30");
    }

    @Test
    void anUnsetImpossibleOrMalformedClockIsNoDate() {
        assertThat(Exif.takenAt("0000:00:00 00:00:00", null)).isNull();
        assertThat(Exif.takenAt("    :  :     :  :  ", null)).isNull();
        assertThat(Exif.takenAt("2026:02:30 10:00:00", null)).isNull();
        assertThat(Exif.takenAt("2026:11:25 25:00:00", null)).isNull();
        assertThat(Exif.takenAt("2026-11-25T16:42:07", null)).isNull();
        assertThat(Exif.takenAt("2026:11:25 16:42:07'; drop table photo; --", null))
                .isNull();
    }

    @Test
    void anOffsetThatIsNotOneIsLeftOut() {
        assertThat(Exif.takenAt("2026:11:25 16:42:07", "+99:00")).isEqualTo("2026-11-25T16:42:07");
        assertThat(Exif.takenAt("2026:11:25 16:42:07", "garbage")).isEqualTo("2026-11-25T16:42:07");
    }

    @Test
    void makerAndModelArePrintableTrimmedAndAtMost64Characters() {
        assertThat(Exif.text("  Apple\0\0\0 ")).isEqualTo("Apple");
        assertThat(Exif.text("Can\u001bon\r\n")).isEqualTo("Canon");
        assertThat(Exif.text("x".repeat(100_000))).hasSize(64);
        assertThat(Exif.text("\0\0\0")).isNull();
        assertThat(Exif.text("   ")).isNull();
        assertThat(Exif.text(null)).isNull();
    }

    @Test
    void noPayloadOrAnUnreadableOneIsNoneOfIt() {
        assertThat(Exif.of(null)).isEqualTo(Exif.NONE);
        assertThat(Exif.of(new byte[] {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8}))
                .isEqualTo(Exif.NONE);
        assertThat(Exif.of(new byte[64])).isEqualTo(Exif.NONE);
    }
}
