package io.rescuefleet.operator.binding;

import java.util.Objects;
import java.util.Set;

/**
 * Binds a drive to a stick: by serial wherever a station holds it, or by claim to whatever stick sits
 * in the claimed port. Ties are broken the same way everywhere, so two operators agree: an explicit
 * serial beats a claim, a stick whose manifest names another drive is not taken by a claim, and
 * among drives naming the same serial or port the first key in sort order wins. Pure.
 */
public final class Binder {
  private Binder() {}

  public static Binding bind(BindingInputs in) {
    if (in.serial() == null && in.claimStation() == null) {
      return Binding.unbound(BindingState.StickAbsent, "the spec names neither a serial nor a claim");
    }
    return in.serial() != null ? bySerial(in) : byClaim(in);
  }

  private static Binding bySerial(BindingInputs in) {
    String rival = firstOther(in.drivesNamingSerial(), in.driveKey());
    if (rival != null) {
      return Binding.unbound(BindingState.Conflict, "serial " + in.serial() + " is also named by RescueDrive " + rival
          + ", which takes it");
    }
    return in.stickWithSerial()
        .map(s -> new Binding(BindingState.BoundBySerial, s.station(), s.stick().port(), s.stick(),
            "stick " + in.serial() + " is in station " + s.station() + ", port " + s.stick().port()))
        .orElseGet(() -> Binding.unbound(BindingState.StickAbsent, "no station holds stick " + in.serial()));
  }

  private static Binding byClaim(BindingInputs in) {
    String where = "station " + in.claimStation() + ", port " + in.claimPort();
    if (!in.stationExists()) {
      return Binding.unbound(BindingState.StationNotFound, "ImagingStation " + in.claimStation() + " does not exist");
    }
    String rival = firstOther(in.drivesClaimingPort(), in.driveKey());
    if (rival != null) {
      return Binding.unbound(BindingState.Conflict, where + " is also claimed by RescueDrive " + rival + ", which takes it");
    }
    if (in.stickInClaimedPort().isEmpty()) {
      return Binding.unbound(BindingState.StickAbsent, "no stick in " + where);
    }
    LocatedStick located = in.stickInClaimedPort().get();
    String serial = located.stick().serial();
    String owner = in.drivesNamingSerial().stream().sorted().findFirst().orElse(null);
    if (owner != null) {
      return Binding.unbound(BindingState.Conflict, "the stick in " + where + " (serial " + serial
          + ") belongs to RescueDrive " + owner + " by serial");
    }
    String manifestOwner = located.stick().driveKey();
    if (manifestOwner != null && !manifestOwner.equals(in.driveKey()) && in.existingDrives().test(manifestOwner)) {
      return Binding.unbound(BindingState.Conflict, "the stick in " + where + " (serial " + serial
          + ") carries the manifest of RescueDrive " + manifestOwner);
    }
    return new Binding(BindingState.BoundByClaim, located.station(), located.stick().port(), located.stick(),
        "stick " + serial + " is in the claimed " + where);
  }

  /** The first key in sort order, if it is not {@code self}; null when {@code self} wins or is alone. */
  private static String firstOther(Set<String> keys, String self) {
    String first = keys.stream().sorted().findFirst().orElse(null);
    return first == null || Objects.equals(first, self) ? null : first;
  }
}
