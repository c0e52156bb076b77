package com.vehiclephotos.events;

import org.jspecify.annotations.Nullable;

/**
 * When and with what a photo was taken, from the uploaded file's metadata — never where: GPS is not
 * read. Private to the photo's owner: a consumer shows it to the owner only, and never puts it in
 * anything other people see (the published images carry no metadata at all).
 *
 * @param takenAt the camera's clock when the photo was taken (EXIF DateTimeOriginal) as an ISO-8601
 *                local date-time, {@code 2026-11-28T10:15:30}, followed by the offset from UTC when the
 *                camera recorded one (OffsetTimeOriginal), {@code 2026-11-28T10:15:30+01:00}; null when
 *                the file does not say
 * @param make    the camera's maker (EXIF Make), at most 64 characters; null when the file does not say
 * @param model   the camera's model (EXIF Model), at most 64 characters; null likewise
 */
public record CaptureDetails(
        @Nullable String takenAt,
        @Nullable String make,
        @Nullable String model) {

    public static final int MAX_TEXT = 64;
    public static final String TAKEN_AT_PATTERN = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}([+-]\\d{2}:\\d{2}|Z)?";

    public CaptureDetails {
        if (takenAt != null && !takenAt.matches(TAKEN_AT_PATTERN)) {
            throw new IllegalArgumentException(
                    "takenAt must be an ISO-8601 local date-time, optionally with its offset");
        }
        check(make, "make");
        check(model, "model");
    }

    /** True when the file said none of it. */
    public boolean saysNothing() {
        return takenAt == null && make == null && model == null;
    }

    private static void check(@Nullable String text, String name) {
        if (text != null
                && (text.isBlank() || text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException(name + " must be 1.." + MAX_TEXT + " printable characters");
        }
    }
}
