package io.rescuefleet.station.cache;

import java.util.List;

/**
 * The sidecar ({@code <sha256>.json}) written once an object was verified: it vouches for the object
 * as long as size and mtime are unchanged, so the object is not re-hashed on every use.
 */
record CacheRecord(long size, long mtimeMillis, long chunkSize, List<String> chunks, String verifiedAt,
    boolean signatureChecked) {}
