package io.rescuefleet.station.observe;

import io.rescuefleet.station.fs.FsSignature;

/**
 * What sits where the data partition belongs, whatever the partition table says: the filesystem
 * signature and the size the filesystem believes it has (-1 if unknown).
 */
public record DataRegionState(FsSignature signature, long volumeBytes) {}
