package io.rescuefleet.operator.binding;

import java.util.Optional;
import java.util.Set;

/**
 * Everything binding one drive needs, gathered from informer indexes and station heartbeats.
 *
 * @param driveKey the drive, {@code namespace/name}
 * @param serial the drive's {@code spec.serial}, or null when it claims a port
 * @param claimStation the claimed station, or null
 * @param claimPort the claimed port, or null
 * @param stickWithSerial where the stick with {@code serial} is, if a station holds it
 * @param stickInClaimedPort the stick in the claimed port, if any
 * @param stationExists whether the claimed station exists
 * @param drivesNamingSerial keys of every drive whose spec.serial names the stick in question
 * @param drivesClaimingPort keys of every drive claiming the same station and port
 * @param existingDrives whether a drive key exists (for a stick's manifest naming another drive)
 */
public record BindingInputs(
    String driveKey,
    String serial,
    String claimStation,
    String claimPort,
    Optional<LocatedStick> stickWithSerial,
    Optional<LocatedStick> stickInClaimedPort,
    boolean stationExists,
    Set<String> drivesNamingSerial,
    Set<String> drivesClaimingPort,
    java.util.function.Predicate<String> existingDrives) {}
