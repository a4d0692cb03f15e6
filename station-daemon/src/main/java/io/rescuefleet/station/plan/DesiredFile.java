package io.rescuefleet.station.plan;

import io.rescuefleet.api.resolve.DriveAssignment.ResolvedSignature;

/**
 * One image the stick must hold: catalog entry, path on the data partition, source, SHA-256, size if
 * declared, and the detached signature that must verify it (or null).
 */
public record DesiredFile(String entry, String path, String url, String sha256, Long size, ResolvedSignature signature) {}
