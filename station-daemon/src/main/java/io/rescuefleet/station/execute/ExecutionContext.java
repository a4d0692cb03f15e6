package io.rescuefleet.station.execute;

import io.rescuefleet.station.failure.Cancellation;
import io.rescuefleet.station.manifest.StickManifest;
import io.rescuefleet.station.plan.DesiredDrive;
import io.rescuefleet.station.release.VentoyRelease;
import io.rescuefleet.station.session.StickSession;
import java.util.Optional;

/**
 * What executing one plan needs: the stick's session, what the stick must become, the Ventoy release
 * to install from (null if none), the manifest found on the stick, and the run's cancellation.
 */
public record ExecutionContext(
    StickSession session,
    DesiredDrive desired,
    VentoyRelease release,
    Optional<StickManifest> previousManifest,
    Cancellation cancellation) {}
