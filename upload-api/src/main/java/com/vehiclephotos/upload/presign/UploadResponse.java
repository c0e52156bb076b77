package com.vehiclephotos.upload.presign;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Where and how to PUT the file.
 *
 * @param upload what the browser sends: method, URL and exactly these headers (Content-Length is
 *               set by the browser itself and must equal the declared size)
 */
record UploadResponse(UUID photoId, UUID vehicleId, String key, Upload upload) {

    record Upload(String method, String url, Map<String, String> headers, Instant expiresAt) {}
}
