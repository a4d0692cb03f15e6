package io.rescuefleet.station.wtg.volume;

import io.rescuefleet.api.v1alpha1.SanPolicy;
import io.rescuefleet.station.wtg.bcd.BcdDevice;
import java.time.Instant;
import java.util.UUID;

/**
 * What one apply writes besides the image: its identity, the profile and target it serves, the
 * unattend.xml bytes, and the partition the BCD store must point at.
 *
 * @param sanPolicy and {@code driversPath}: the offlineServicing settings, also written to the image's
 *     registry (see {@link OfflineServicing}); null when the profile has none
 * @param startSector where the volume starts on its disk (recorded in the NTFS boot sector)
 */
public record VolumeRequest(
    UUID applyId, String profile, String target, byte[] unattend, SanPolicy sanPolicy, String driversPath,
    BcdDevice bootDevice, long startSector, Instant appliedAt) {}
