package com.vehiclephotos.media.measuring;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.media.corpus.TestProperties;
import com.vehiclephotos.media.step.ImageStructure;
import com.vehiclephotos.media.step.Lane;
import com.vehiclephotos.media.step.Outcome;
import com.vehiclephotos.media.step.PhotoWork;
import org.junit.jupiter.api.Test;

class DivertTest {

    private final Divert divert = new Divert(TestProperties.defaults());

    @Test
    void aDeepPngNearTheCapGoesToTheSlowLane() {
        assertThat(divert.apply(work("image/png", new ImageStructure(7000, 7000, 64, 1), Lane.MAIN)))
                .get()
                .isInstanceOf(Outcome.Diverted.class);
    }

    @Test
    void aCameraJpegStaysBecauseItDecodesScaledDown() {
        assertThat(divert.apply(work("image/jpeg", new ImageStructure(6000, 4000, 24, 1), Lane.MAIN)))
                .isEmpty();
        assertThat(divert.apply(work("image/png", new ImageStructure(4000, 3000, 32, 1), Lane.MAIN)))
                .isEmpty();
    }

    @Test
    void aLargeHeicGoesToTheSlowLaneAndAPhonesDoesNot() {
        assertThat(divert.apply(work("image/heic", new ImageStructure(6000, 4000, 24, 1), Lane.MAIN)))
                .get()
                .isInstanceOf(Outcome.Diverted.class);
        assertThat(divert.apply(work("image/heic", new ImageStructure(4032, 3024, 24, 1), Lane.MAIN)))
                .isEmpty();
    }

    @Test
    void nothingOnTheSlowLaneIsDivertedAgain() {
        assertThat(divert.apply(work("image/png", new ImageStructure(7000, 7000, 64, 1), Lane.SLOW)))
                .isEmpty();
    }

    private static PhotoWork work(String type, ImageStructure structure, Lane lane) {
        var base = TestProperties.work(new byte[] {1}, type);
        var work = new PhotoWork(base.upload(), lane);
        work.sniffed(type);
        work.measured(structure);
        return work;
    }
}
