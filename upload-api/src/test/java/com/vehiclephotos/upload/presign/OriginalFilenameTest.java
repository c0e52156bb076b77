package com.vehiclephotos.upload.presign;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OriginalFilenameTest {

    @Test
    void anOrdinaryNameIsKeptWhole() {
        assertThat(OriginalFilename.encoded("my car (front).jpg")).isEqualTo("my+car+%28front%29.jpg");
    }

    @Test
    void aLongNonAsciiNameIsCutToFitS3sMetadataLimitAndKeepsItsExtension() {
        var name = "車".repeat(1019) + ".jpeg";

        var encoded = OriginalFilename.encoded(name);

        assertThat(encoded.length()).isLessThanOrEqualTo(OriginalFilename.MAX_ENCODED_BYTES);
        var decoded = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        assertThat(decoded).startsWith("車車車").endsWith(".jpeg");
        assertThat(name).startsWith(decoded.substring(0, decoded.length() - ".jpeg".length()));
    }

    @Test
    void neverCutsACharacterInHalf() {
        var name = "🚗".repeat(600);

        var decoded = URLDecoder.decode(OriginalFilename.encoded(name), StandardCharsets.UTF_8);

        assertThat(decoded).isNotEmpty().matches("(🚗)+");
    }
}
