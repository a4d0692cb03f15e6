package io.rescuefleet.station.wtg.image;

/** A file of the applied image kept for verification: its path, size and SHA-1 as the WIM records them. */
public record SampledFile(String path, long size, String sha1) {}
