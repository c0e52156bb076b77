package com.vehiclephotos.events;

/**
 * Why a photo was not published. Subscribers switch on it; each has a default message for people.
 * New reasons may be added (subscribers must treat an unknown reason as a generic rejection).
 */
public enum RejectionReason {
    /** Larger than the upload limit. */
    TOO_LARGE("The file is larger than the upload limit."),
    /** Zero bytes. */
    EMPTY("The file is empty."),
    /** Its bytes are not an image type we accept (JPEG, PNG, WebP). */
    UNSUPPORTED_TYPE("This file type is not supported. Use a JPEG, PNG, WebP, HEIC or AVIF photo."),
    /** Its bytes are another image type than the one declared at upload. */
    TYPE_MISMATCH("The file's content does not match its declared type."),
    /** The malware scanner found something. */
    MALWARE_DETECTED("The file was rejected by the malware scanner."),
    /** Truncated or undecodable. */
    CORRUPT_IMAGE("The image is damaged or incomplete and cannot be read."),
    /** Width times height above the pixel cap. */
    TOO_MANY_PIXELS("The image has too many pixels."),
    /**
     * The file is built in a way that would cost unbounded work (too many scans, a metadata bomb), or
     * processing it overran its time budget or crashed the decoder on every try.
     */
    UNPROCESSABLE(
            "The photo could not be processed. Save it again as an ordinary JPEG or PNG and upload it once more."),
    /** The vehicle in the key is not owned by the uploader. */
    OWNER_MISMATCH("The photo does not belong to one of your vehicles."),
    /** The vehicle no longer exists. */
    VEHICLE_NOT_FOUND("The vehicle no longer exists."),
    /** A reason this version of the contract does not know yet (read from a newer producer). */
    OTHER("The photo could not be accepted.");

    private final String defaultMessage;

    RejectionReason(String defaultMessage) {
        this.defaultMessage = defaultMessage;
    }

    /** A sentence a person can read, for UIs that have no text of their own for the reason. */
    public String defaultMessage() {
        return defaultMessage;
    }
}
