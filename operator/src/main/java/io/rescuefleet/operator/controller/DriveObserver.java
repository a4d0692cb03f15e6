package io.rescuefleet.operator.controller;

import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.operator.binding.BindingInputs;
import io.rescuefleet.operator.binding.LocatedStick;
import io.rescuefleet.operator.directory.DriveDirectory;
import io.rescuefleet.operator.directory.StationDirectory;
import io.rescuefleet.operator.fleet.DriveState;
import io.rescuefleet.operator.fleet.FleetState;
import io.rescuefleet.operator.fleet.SequenceMark;
import io.rescuefleet.operator.policy.Acknowledgement;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gathers what reconciling a drive needs: its state (seeded from its status the first time), where
 * its stick is and who else wants it (from heartbeats and informer indexes), and the acknowledgement
 * annotation. The first observation also seeds every station's last known sticks from its status.
 * While the spec is invalid the stick is looked for by the last good spec's serial or claim: an
 * invalid spec changes nothing, its identity included.
 */
final class DriveObserver {
  private final FleetState fleet;
  private final DriveDirectory drives;
  private final StationDirectory stations;
  private final AtomicBoolean stationsSeeded = new AtomicBoolean();

  DriveObserver(FleetState fleet, DriveDirectory drives, StationDirectory stations) {
    this.fleet = fleet;
    this.drives = drives;
    this.stations = stations;
  }

  DriveObservation observe(RescueDrive drive, SpecVerdict spec) {
    if (stationsSeeded.compareAndSet(false, true)) {
      // The drive controller's station informer has synced before its first reconcile.
      for (ImagingStation station : stations.all()) {
        fleet.seedStation(station.getMetadata().getName(), station.getStatus());
      }
    }
    String key = ObjectKeys.key(drive);
    DriveState state = fleet.drive(key);
    fleet.seedDrive(state, drive.getStatus());
    // What the API server holds now, e.g. a server-side-apply write that went out after the last reconcile.
    state.persisted(SequenceMark.of(drive.getStatus()));
    DriveAssignment lastGood = spec.valid() ? null : spec.lastGood();
    RescueDriveSpec identity = lastGood == null ? drive.getSpec() : identity(lastGood);
    return new DriveObservation(key, state, state.runtime(), bindingInputs(key, identity),
        Acknowledgement.from(drive.getMetadata().getAnnotations()));
  }

  /** The serial or claim of an assignment, as a spec carrying only those. */
  private static RescueDriveSpec identity(DriveAssignment assignment) {
    RescueDriveSpec spec = new RescueDriveSpec();
    spec.serial = assignment.serial();
    if (assignment.claim() != null) {
      spec.claim = new RescueDriveSpec.Claim(assignment.claim().station(), assignment.claim().port());
    }
    return spec;
  }

  private BindingInputs bindingInputs(String key, RescueDriveSpec spec) {
    String serial = spec == null ? null : spec.serial;
    RescueDriveSpec.Claim claim = spec == null || serial != null ? null : spec.claim;
    Optional<LocatedStick> withSerial = serial == null ? Optional.empty() : fleet.stickWithSerial(serial);
    Optional<LocatedStick> inPort = claim == null || claim.station == null || claim.port == null ? Optional.empty()
        : fleet.stickAt(claim.station, claim.port);
    boolean stationExists = claim == null || claim.station != null && stations.get(claim.station).isPresent();
    Set<String> namingSerial = serial != null ? drives.namingSerial(serial)
        : inPort.map(s -> drives.namingSerial(s.stick().serial())).orElse(Set.of());
    Set<String> claimingPort = claim == null ? Set.of() : drives.claimingPort(claim.station, claim.port);
    return new BindingInputs(key, serial, claim == null ? null : claim.station, claim == null ? null : claim.port,
        withSerial, inPort, stationExists, namingSerial, claimingPort, drives::exists);
  }
}
