package com.vehiclephotos.upload.presign;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeFilenameTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "my car.jpg            | image/jpeg | my-car.jpg",
                "Über Straße.JPG       | image/jpeg | Uber-Stra-e.jpg",
                "../../etc/passwd      | image/jpeg | passwd.jpg",
                "C:\\Users\\me\\x.png  | image/png  | x.png",
                "..                    | image/png  | photo.png",
                ".hidden.webp          | image/webp | hidden.webp",
                "東京.jpg               | image/jpeg | photo.jpg",
                "photo                 | image/webp | photo.webp",
                "NULL                  | image/jpeg | photo.jpg",
                "x.averyveryverylongextension | image/jpeg | x.averyveryverylongextension.jpg",
                "evil.html             | image/jpeg | evil.html.jpg",
                "shot.jpeg             | image/jpeg | shot.jpg",
                "IMG_4711.HEIC         | image/heic | IMG_4711.heic",
                "IMG_4711.heif         | image/heic | IMG_4711.heic",
                "IMG_4711.heic         | image/heif | IMG_4711.heif",
                "photo.avif            | image/avif | photo.avif",
                "-- ..x.. --.png       | image/png  | x.png",
            })
    void reducesNamesToASafeAsciiForm(String original, String type, String expected) {
        assertThat(SafeFilename.of(original, type)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void replacesControlCharactersAndSeparators() {
        assertThat(SafeFilename.of("a\u0000b\nc\td.jpg", "image/jpeg")).isEqualTo("a-b-c-d.jpg");
        assertThat(SafeFilename.of("dir/sub\\name.png", "image/png")).isEqualTo("name.png");
    }

    @Property(tries = 2000)
    void anyInputGivesOneSafeKeySegment(@ForAll String original) {
        var type = Arbitraries.of("image/jpeg", "image/png", "image/webp").sample();

        var safe = SafeFilename.of(original, type);

        assertThat(safe)
                .matches("[A-Za-z0-9._-]{1," + SafeFilename.MAX_LENGTH + "}")
                .doesNotContain("..")
                .doesNotStartWith(".")
                .doesNotStartWith("-");
    }

    @Property(tries = 500)
    void keepsTheExtensionWhenNamesAreTooLong(@ForAll("longNames") String original) {
        var safe = SafeFilename.of(original, "image/jpeg");

        assertThat(safe).hasSizeLessThanOrEqualTo(SafeFilename.MAX_LENGTH).endsWith(".jpg");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> longNames() {
        return Arbitraries.strings().alpha().ofMinLength(101).ofMaxLength(5000).map(s -> s + ".jpg");
    }
}
