package io.rescuefleet.api.validate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.rescuefleet.api.v1alpha1.Alerts;
import io.rescuefleet.api.v1alpha1.CatalogEntry;
import io.rescuefleet.api.v1alpha1.EntrySelection;
import io.rescuefleet.api.v1alpha1.FleetPolicy;
import io.rescuefleet.api.v1alpha1.ImagingStation;
import io.rescuefleet.api.v1alpha1.ImagingStationSpec;
import io.rescuefleet.api.v1alpha1.IsoCatalog;
import io.rescuefleet.api.v1alpha1.Layout;
import io.rescuefleet.api.v1alpha1.RescueDrive;
import io.rescuefleet.api.v1alpha1.RescueDriveSpec;
import io.rescuefleet.api.v1alpha1.Sampling;
import io.rescuefleet.api.v1alpha1.VentoySettings;
import io.rescuefleet.api.v1alpha1.WtgProfile;
import io.rescuefleet.api.v1alpha1.WtgProfileSpec;
import io.rescuefleet.api.v1alpha1.WtgTarget;
import io.rescuefleet.api.v1alpha1.ApiConstants;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The semantic validator shared by the operator and the station CLI. It mirrors the schema's
 * structural and CEL rules (the in-process API server enforces neither) and adds the rules a schema
 * cannot say. Every problem names its field path; cross-object rules live in the resolver.
 */
public final class ManifestValidator {
  private static final Pattern SERIAL = Pattern.compile("^[A-Za-z0-9._:-]+$");
  private static final Pattern USB_PORT = Pattern.compile(ApiConstants.USB_PORT_PATTERN);
  private static final Pattern VENTOY_VERSION = Pattern.compile(ApiConstants.VENTOY_VERSION_PATTERN);
  private static final Pattern VOLUME_LABEL = Pattern.compile("^[A-Za-z0-9_ -]+$");
  private static final Pattern VTOY_OPTION = Pattern.compile("^VTOY_[A-Z0-9_]+$");
  private static final Pattern GFXMODE = Pattern.compile("^[0-9]+x[0-9]+$");
  private static final Pattern COMPUTER_NAME = Pattern.compile("^[A-Za-z0-9{}-]+$");
  private static final Pattern DEVICE_PATH = Pattern.compile("^/dev/[A-Za-z0-9._/-]+$");
  private static final int MAX_ENTRIES = 256;
  /** No stick is larger: sizes beyond this are typos or attacks on arithmetic, not images. */
  static final long MAX_BYTES = 1L << 44;
  static final long MAX_MIB = MAX_BYTES >> 20;

  /** Every problem of one object, each tagged with {@code Kind namespace/name}. */
  public List<Problem> validate(HasMetadata object) {
    Checker c = new Checker();
    metadata(object, c);
    if (object instanceof IsoCatalog catalog) {
      catalog(catalog, c);
    } else if (object instanceof WtgProfile profile) {
      wtgProfile(profile, c);
    } else if (object instanceof FleetPolicy policy) {
      policy(policy, c);
    } else if (object instanceof ImagingStation station) {
      station(station, c);
    } else if (object instanceof RescueDrive drive) {
      drive(drive, c);
    }
    String name = ObjectNames.describe(object);
    return c.problems().stream().map(p -> p.in(name)).toList();
  }

  /** Throws {@link InvalidSpecException} with every problem of {@code object}, if it has any. */
  public void requireValid(HasMetadata object) {
    List<Problem> problems = validate(object);
    if (!problems.isEmpty()) {
      throw new InvalidSpecException(problems);
    }
  }

  private void metadata(HasMetadata object, Checker c) {
    ObjectMeta meta = object.getMetadata();
    if (!c.present(meta, "metadata")) {
      return;
    }
    c.dnsLabel(meta.getName(), "metadata.name");
    if (object instanceof ImagingStation) {
      c.check(meta.getNamespace() == null || meta.getNamespace().isEmpty(), "metadata.namespace",
          "must be empty: ImagingStation is cluster-scoped");
    } else if (meta.getNamespace() != null) {
      c.dnsLabel(meta.getNamespace(), "metadata.namespace");
    }
  }

  private void catalog(IsoCatalog catalog, Checker c) {
    var spec = catalog.getSpec();
    if (!c.present(spec, "spec") || !c.present(spec.entries, "spec.entries")) {
      return;
    }
    c.check(!spec.entries.isEmpty(), "spec.entries", "must list at least one entry");
    c.check(spec.entries.size() <= MAX_ENTRIES, "spec.entries", "must list at most " + MAX_ENTRIES + " entries");
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> paths = new HashMap<>();
    for (int i = 0; i < spec.entries.size(); i++) {
      String at = "spec.entries[" + i + "]";
      CatalogEntry e = spec.entries.get(i);
      if (!c.present(e, at)) {
        continue;
      }
      c.dnsLabel(e.name, at + ".name");
      c.url(e.url, at + ".url");
      c.sha256(e.sha256, at + ".sha256");
      c.byteSize(e.size, MAX_BYTES, at + ".size");
      c.stickPath(e.path, at + ".path");
      c.singleLine(e.menuAlias, 256, at + ".menuAlias");
      if (e.name != null) {
        Integer first = names.putIfAbsent(e.name, i);
        c.check(first == null, at + ".name", "duplicates the name of spec.entries[" + first + "]: " + e.name);
      }
      if (e.path != null) {
        Integer first = paths.putIfAbsent(PathRules.collisionKey(e.path), i);
        c.check(first == null, at + ".path",
            "collides with the path of spec.entries[" + first + "] (exFAT and NTFS ignore case): " + e.path);
      }
      if (e.signature != null) {
        c.url(e.signature.url, at + ".signature.url");
        if (c.present(e.signature.keySecretRef, at + ".signature.keySecretRef")) {
          c.present(e.signature.keySecretRef.name, at + ".signature.keySecretRef.name");
          c.present(e.signature.keySecretRef.key, at + ".signature.keySecretRef.key");
          ownNamespace(catalog, e.signature.keySecretRef.namespace, at + ".signature.keySecretRef.namespace", c);
        }
      }
    }
  }

  /**
   * A namespaced object reads Secrets only in its own namespace: whoever may edit it there must not
   * gain another namespace's Secrets through it, so a different namespace is refused, not ignored.
   */
  private static void ownNamespace(HasMetadata object, String namespace, String field, Checker c) {
    if (namespace == null || namespace.isEmpty()) {
      return;
    }
    String own = object.getMetadata() == null || object.getMetadata().getNamespace() == null
        || object.getMetadata().getNamespace().isEmpty() ? "default" : object.getMetadata().getNamespace();
    c.check(namespace.equals(own), field, "must be empty or \"" + own + "\", the " + object.getKind()
        + "'s own namespace: a namespaced object may not read Secrets in another namespace, got \""
        + namespace + "\"");
  }

  private void wtgProfile(WtgProfile profile, Checker c) {
    WtgProfileSpec spec = profile.getSpec();
    if (!c.present(spec, "spec")) {
      return;
    }
    if (c.present(spec.image, "spec.image")) {
      c.url(spec.image.url, "spec.image.url");
      c.sha256(spec.image.sha256, "spec.image.sha256");
      c.byteSize(spec.image.size, MAX_BYTES, "spec.image.size");
    }
    boolean hasIndex = spec.index != null;
    boolean hasEdition = spec.edition != null;
    c.check(hasIndex != hasEdition, hasIndex ? "spec.edition" : "spec.index", "exactly one of index or edition is required");
    if (hasIndex) {
      c.check(spec.index >= 1, "spec.index", "must be at least 1, got " + spec.index);
    }
    if (hasEdition) {
      c.check(!spec.edition.isBlank() && spec.edition.length() <= 256, "spec.edition", "must be 1 to 256 characters");
    }
    c.present(spec.target, "spec.target");
    if (c.present(spec.sizeMiB, "spec.sizeMiB")) {
      c.check(spec.sizeMiB >= 1024 && spec.sizeMiB <= MAX_MIB, "spec.sizeMiB",
          "must be between 1024 and " + MAX_MIB + " (16 TiB), got " + spec.sizeMiB);
    }
    if (spec.target == WtgTarget.VhdFile) {
      if (c.check(spec.vhdPath != null, "spec.vhdPath", "is required with target VhdFile")) {
        c.stickPath(spec.vhdPath, "spec.vhdPath");
        c.check(spec.vhdPath.toLowerCase().endsWith(".vhd"), "spec.vhdPath", "must end in .vhd (a fixed VHD)");
      }
    } else {
      c.check(spec.vhdPath == null, "spec.vhdPath", "is only allowed with target VhdFile");
    }
    if (spec.unattend != null && spec.unattend.computerNamePattern != null) {
      String pattern = spec.unattend.computerNamePattern;
      c.check(pattern.length() <= 64 && COMPUTER_NAME.matcher(pattern).matches(), "spec.unattend.computerNamePattern",
          "may hold only letters, digits, '-' and {serial}, at most 64 characters");
      c.check(pattern.replace("{serial}", "").matches("^[A-Za-z0-9-]*$"), "spec.unattend.computerNamePattern",
          "knows only the placeholder {serial}");
    }
    if (spec.driversPath != null) {
      c.stickPath(spec.driversPath, "spec.driversPath");
    }
  }

  private void policy(FleetPolicy policy, Checker c) {
    var spec = policy.getSpec();
    if (spec == null) {
      return; // every field has a default
    }
    Sampling s = spec.sampling;
    if (s != null) {
      c.positiveAtMost(s.throughputIntervalSeconds, 3600, "spec.sampling.throughputIntervalSeconds");
      if (s.verify != null) {
        c.positiveAtMost(s.verify.sampleRatio, 1, "spec.sampling.verify.sampleRatio");
        if (s.verify.fullEvery != null) {
          c.check(s.verify.fullEvery >= 1, "spec.sampling.verify.fullEvery", "must be at least 1, got " + s.verify.fullEvery);
        }
        c.positive(s.verify.maxAgeHours, "spec.sampling.verify.maxAgeHours");
      }
    }
    Alerts a = spec.alerts;
    if (a != null) {
      c.nonNegative(a.minWriteMBps, "spec.alerts.minWriteMBps");
      c.nonNegative(a.minReadMBps, "spec.alerts.minReadMBps");
      c.positive(a.throughputWindowSeconds, "spec.alerts.throughputWindowSeconds");
      if (a.maxConsecutiveFailures != null) {
        c.check(a.maxConsecutiveFailures >= 1, "spec.alerts.maxConsecutiveFailures",
            "must be at least 1, got " + a.maxConsecutiveFailures);
      }
      c.positive(a.stationHeartbeatTimeoutSeconds, "spec.alerts.stationHeartbeatTimeoutSeconds");
      c.nonNegative(a.wearBytesWritten, "spec.alerts.wearBytesWritten");
    }
  }

  private void station(ImagingStation station, Checker c) {
    ImagingStationSpec spec = station.getSpec();
    if (!c.present(spec, "spec")) {
      return;
    }
    if (c.present(spec.tokenSecretRef, "spec.tokenSecretRef")) {
      c.dnsLabel(spec.tokenSecretRef.namespace, "spec.tokenSecretRef.namespace");
      c.present(spec.tokenSecretRef.name, "spec.tokenSecretRef.name");
      c.present(spec.tokenSecretRef.key, "spec.tokenSecretRef.key");
    }
    if (spec.ports != null) {
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < spec.ports.size(); i++) {
        String at = "spec.ports[" + i + "]";
        ImagingStationSpec.Port p = spec.ports.get(i);
        if (!c.present(p, at) || !c.present(p.path, at + ".path")) {
          continue;
        }
        c.check(USB_PORT.matcher(p.path).matches(), at + ".path", "must be a USB port path like 1-2.3, got \"" + Checker.abbreviate(p.path) + "\"");
        Integer first = seen.putIfAbsent(p.path, i);
        c.check(first == null, at + ".path", "duplicates spec.ports[" + first + "].path: " + p.path);
        c.maxLength(p.label, 128, at + ".label");
      }
    }
    if (spec.allowDevices != null) {
      for (int i = 0; i < spec.allowDevices.size(); i++) {
        String d = spec.allowDevices.get(i);
        c.check(d != null && DEVICE_PATH.matcher(d).matches() && !d.contains(".."), "spec.allowDevices[" + i + "]",
            "must be a device path under /dev/, got \"" + (d == null ? "null" : Checker.abbreviate(d)) + "\"");
      }
    }
  }

  private void drive(RescueDrive drive, Checker c) {
    RescueDriveSpec spec = drive.getSpec();
    if (!c.present(spec, "spec")) {
      return;
    }
    boolean hasSerial = spec.serial != null;
    boolean hasClaim = spec.claim != null;
    c.check(hasSerial != hasClaim, hasSerial ? "spec.claim" : "spec.serial", "exactly one of serial or claim is required");
    if (hasSerial) {
      c.check(!spec.serial.isEmpty() && spec.serial.length() <= 128 && SERIAL.matcher(spec.serial).matches(), "spec.serial",
          "must be 1 to 128 of A-Z a-z 0-9 . _ : -, got \"" + Checker.abbreviate(spec.serial) + "\"");
    }
    if (hasClaim) {
      c.dnsLabel(spec.claim.station, "spec.claim.station");
      if (c.present(spec.claim.port, "spec.claim.port")) {
        c.check(USB_PORT.matcher(spec.claim.port).matches(), "spec.claim.port",
            "must be a USB port path like 1-2.3, got \"" + Checker.abbreviate(spec.claim.port) + "\"");
      }
    }
    layout(spec.layout, c);
    if (c.present(spec.catalogRef, "spec.catalogRef")) {
      c.dnsLabel(spec.catalogRef.name, "spec.catalogRef.name");
    }
    selection(spec.entries, c);
    if (spec.wtgProfileRef != null) {
      c.dnsLabel(spec.wtgProfileRef.name, "spec.wtgProfileRef.name");
    }
    if (spec.policyRef != null) {
      c.dnsLabel(spec.policyRef.name, "spec.policyRef.name");
    }
    ventoy(spec.ventoy, c);
  }

  private void layout(Layout layout, Checker c) {
    if (layout == null) {
      return; // defaults apply
    }
    c.present(layout.partitionStyle, "spec.layout.partitionStyle");
    c.present(layout.dataFilesystem, "spec.layout.dataFilesystem");
    if (layout.dataLabel != null) {
      c.check(!layout.dataLabel.isEmpty() && layout.dataLabel.length() <= 11 && VOLUME_LABEL.matcher(layout.dataLabel).matches(),
          "spec.layout.dataLabel", "must be 1 to 11 of letters, digits, '_', '-' and space (exFAT's limit)");
    }
    if (layout.ventoyVersion != null) {
      c.check(VENTOY_VERSION.matcher(layout.ventoyVersion).matches(), "spec.layout.ventoyVersion",
          "must look like 1.1.05, got \"" + Checker.abbreviate(layout.ventoyVersion) + "\"");
    }
    c.byteSize(layout.reservedMiB, MAX_MIB, "spec.layout.reservedMiB");
  }

  private void selection(EntrySelection entries, Checker c) {
    if (entries == null) {
      return;
    }
    boolean hasNames = entries.names != null && !entries.names.isEmpty();
    c.check(!(hasNames && entries.selector != null), "spec.entries", "use names or selector, not both");
    if (entries.names != null) {
      for (int i = 0; i < entries.names.size(); i++) {
        c.dnsLabel(entries.names.get(i), "spec.entries.names[" + i + "]");
        int first = entries.names.indexOf(entries.names.get(i));
        c.check(first == i, "spec.entries.names[" + i + "]", "duplicates spec.entries.names[" + first + "]");
      }
    }
  }

  private void ventoy(VentoySettings ventoy, Checker c) {
    if (ventoy == null) {
      return;
    }
    VentoySettings.Control control = ventoy.control;
    if (control != null) {
      c.range(control.menuTimeoutSeconds, 0, 3600, "spec.ventoy.control.menuTimeoutSeconds");
      if (control.defaultImage != null) {
        c.stickPath(control.defaultImage, "spec.ventoy.control.defaultImage");
      }
      if (control.extra != null) {
        control.extra.forEach((key, value) -> {
          String at = "spec.ventoy.control.extra." + key;
          c.check(VTOY_OPTION.matcher(key).matches(), at, "must be a VTOY_* option name");
          c.check(value != null && value.length() <= 1024 && value.chars().noneMatch(ch -> ch < 0x20), at,
              "must be a single-line value of at most 1024 characters");
        });
      }
    }
    VentoySettings.Theme theme = ventoy.theme;
    if (theme != null) {
      if (theme.file != null) {
        c.stickPath(theme.file, "spec.ventoy.theme.file");
      }
      if (theme.gfxmode != null) {
        c.check(GFXMODE.matcher(theme.gfxmode).matches(), "spec.ventoy.theme.gfxmode", "must look like 1920x1080");
      }
    }
  }
}
