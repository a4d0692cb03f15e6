package io.rescuefleet.station.observe;

/** A regular file on the data partition: path from the root ('/'-separated), size, modification time. */
public record ObservedFile(String path, long size, long mtimeMillis) {}
