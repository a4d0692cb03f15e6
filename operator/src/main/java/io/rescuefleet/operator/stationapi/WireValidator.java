package io.rescuefleet.operator.stationapi;

import io.rescuefleet.api.v1alpha1.ApiConstants;
import io.rescuefleet.api.v1alpha1.DrivePhase;
import io.rescuefleet.api.wire.Heartbeat;
import io.rescuefleet.api.wire.Heartbeat.StickInfo;
import io.rescuefleet.api.wire.ReportBatch;
import io.rescuefleet.api.wire.ReportBatch.ActionResult;
import io.rescuefleet.api.wire.ReportBatch.DriveReport;
import io.rescuefleet.api.wire.ReportBatch.EntryState;
import io.rescuefleet.api.wire.ReportBatch.ThroughputSample;
import io.rescuefleet.api.wire.ReportBatch.WindowsToGoState;
import io.rescuefleet.api.wire.StationApi;
import io.rescuefleet.api.wire.WireText;
import io.rescuefleet.operator.status.Timestamps;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The semantic rules of station API bodies, beyond what JSON types say. The first broken rule is
 * thrown as a 400 {@link ApiException} naming the field, e.g. {@code reports[3].samples[0].seconds}.
 */
public final class WireValidator {
  static final int MAX_STICKS = 1024;
  static final int MAX_REPORTS = 2000;
  static final int MAX_SAMPLES = 3600;
  static final int MAX_ACTIONS = 1000;
  static final int MAX_ENTRIES = 256;
  static final int MAX_WTG = 8;

  private static final Pattern SERIAL = Pattern.compile(ApiConstants.SERIAL_PATTERN);
  private static final Pattern PORT = Pattern.compile(ApiConstants.USB_PORT_PATTERN);
  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
  private static final Pattern DNS_LABEL = Pattern.compile(ApiConstants.DNS_LABEL_PATTERN);
  private static final Pattern SHA256 = Pattern.compile(ApiConstants.SHA256_PATTERN);
  private static final Pattern REASON = Pattern.compile("^[A-Z][A-Za-z0-9]{0,127}$");
  private static final Pattern ACTION_TYPE = Pattern.compile("^[A-Z][A-Za-z0-9]{0,63}$");
  private static final Set<DrivePhase> STATION_PHASES =
      EnumSet.of(DrivePhase.Absent, DrivePhase.Reconciling, DrivePhase.Ready, DrivePhase.Drifted, DrivePhase.Failed);
  private static final Set<String> ENTRY_STATES = Set.of("Pending", "Syncing", "Synced", "Failed", "Mismatch");
  private static final Set<String> WTG_TARGETS = Set.of("Partition", "VhdFile");
  private static final Set<String> WTG_STATES = Set.of("applied", "damaged", "incomplete", "unusable");
  private static final Set<String> BOOT_CONFIGURATIONS = Set.of("Generated", "NotGenerated");

  private WireValidator() {}

  public static void heartbeat(Heartbeat hb) {
    label(hb.agentVersion(), 128, "agentVersion");
    optionalTime(hb.time(), "time");
    required(hb.sticks(), "sticks");
    check(hb.sticks().size() <= MAX_STICKS, "sticks", "lists more than " + MAX_STICKS + " sticks");
    Map<String, Integer> ports = new HashMap<>();
    Map<String, Integer> serials = new HashMap<>();
    for (int i = 0; i < hb.sticks().size(); i++) {
      String at = "sticks[" + i + "]";
      StickInfo s = hb.sticks().get(i);
      required(s, at);
      matches(s.serial(), SERIAL, at + ".serial", "1 to 128 of A-Z a-z 0-9 . _ : -");
      matches(s.port(), PORT, at + ".port", "a USB port path like 1-2.3");
      matches(s.insertionId(), ID, at + ".insertionId", "1 to 128 of A-Z a-z 0-9 . _ : -");
      label(s.vendor(), WireText.MAX_LABEL_CHARS, at + ".vendor");
      label(s.model(), WireText.MAX_LABEL_CHARS, at + ".model");
      if (s.driveUuid() != null) {
        matches(s.driveUuid(), ID, at + ".driveUuid", "1 to 128 of A-Z a-z 0-9 . _ : -");
      }
      check(s.sizeBytes() >= 0, at + ".sizeBytes", "must be at least 0");
      if (s.driveKey() != null) {
        driveKey(s.driveKey(), at + ".driveKey");
      }
      Integer first = ports.putIfAbsent(s.port(), i);
      check(first == null, at + ".port", "duplicates sticks[" + first + "].port");
      first = serials.putIfAbsent(s.serial(), i);
      check(first == null, at + ".serial", "duplicates sticks[" + first + "].serial");
    }
  }

  public static void reportBatch(ReportBatch batch) {
    matches(batch.batchId(), ID, "batchId", "1 to 128 of A-Z a-z 0-9 . _ : -");
    required(batch.reports(), "reports");
    check(!batch.reports().isEmpty(), "reports", "must hold at least one report");
    check(batch.reports().size() <= MAX_REPORTS, "reports", "holds more than " + MAX_REPORTS + " reports");
    for (int i = 0; i < batch.reports().size(); i++) {
      report(batch.reports().get(i), "reports[" + i + "]");
    }
  }

  private static void report(DriveReport r, String at) {
    required(r, at);
    driveKey(r.driveKey(), at + ".driveKey");
    matches(r.serial(), SERIAL, at + ".serial", "1 to 128 of A-Z a-z 0-9 . _ : -");
    matches(r.port(), PORT, at + ".port", "a USB port path like 1-2.3");
    matches(r.insertionId(), ID, at + ".insertionId", "1 to 128 of A-Z a-z 0-9 . _ : -");
    check(r.sequence() >= 1, at + ".sequence", "must be at least 1");
    required(r.phase(), at + ".phase");
    check(STATION_PHASES.contains(r.phase()), at + ".phase",
        "stations report Absent, Reconciling, Ready, Drifted or Failed; got " + r.phase());
    requiredTime(r.time(), at + ".time");
    check(r.lifetimeBytesWritten() >= 0, at + ".lifetimeBytesWritten", "must be at least 0");
    if (r.progress() != null) {
      var p = r.progress();
      check(p.bytesDone() >= 0, at + ".progress.bytesDone", "must be at least 0");
      check(p.bytesTotal() >= 0, at + ".progress.bytesTotal", "must be at least 0");
      check(p.bytesDone() <= p.bytesTotal(), at + ".progress.bytesDone", "must not exceed progress.bytesTotal");
      check(p.etaSeconds() == null || p.etaSeconds() >= 0 && Double.isFinite(p.etaSeconds()), at + ".progress.etaSeconds",
          "must be a finite number of at least 0");
    }
    list(r.actions(), MAX_ACTIONS, at + ".actions");
    if (r.actions() != null) {
      for (int i = 0; i < r.actions().size(); i++) {
        String a = at + ".actions[" + i + "]";
        ActionResult action = r.actions().get(i);
        required(action, a);
        matches(action.type(), ACTION_TYPE, a + ".type", "a CamelCase action type like CopyFile");
        if (action.path() != null) {
          actionPath(action.path(), a + ".path");
        }
        message(action.error(), a + ".error");
        check(action.bytes() >= 0, a + ".bytes", "must be at least 0");
        check(action.seconds() >= 0 && Double.isFinite(action.seconds()), a + ".seconds", "must be a finite number of at least 0");
      }
    }
    if (r.verify() != null) {
      var v = r.verify();
      required(v.mode(), at + ".verify.mode");
      check(v.filesChecked() >= 0, at + ".verify.filesChecked", "must be at least 0");
      check(v.bytesHashed() >= 0, at + ".verify.bytesHashed", "must be at least 0");
      check(v.mismatches() >= 0, at + ".verify.mismatches", "must be at least 0");
      check(v.readMBps() >= 0 && Double.isFinite(v.readMBps()), at + ".verify.readMBps", "must be a finite number of at least 0");
      requiredTime(v.time(), at + ".verify.time");
    }
    list(r.samples(), MAX_SAMPLES, at + ".samples");
    if (r.samples() != null) {
      for (int i = 0; i < r.samples().size(); i++) {
        String s = at + ".samples[" + i + "]";
        ThroughputSample sample = r.samples().get(i);
        required(sample, s);
        required(sample.direction(), s + ".direction");
        requiredTime(sample.time(), s + ".time");
        check(sample.bytes() >= 0, s + ".bytes", "must be at least 0");
        check(sample.seconds() > 0 && sample.seconds() <= 3600, s + ".seconds", "must be greater than 0 and at most 3600");
      }
    }
    if (r.outcome() != null) {
      var o = r.outcome();
      check(o.bytesWritten() >= 0, at + ".outcome.bytesWritten", "must be at least 0");
      if (o.reason() != null) {
        matches(o.reason(), REASON, at + ".outcome.reason", "a CamelCase reason like SourceFailed");
      }
      check(o.converged() || o.reason() != null, at + ".outcome.reason", "is required when converged is false");
      message(o.message(), at + ".outcome.message");
      if (o.appliedDigest() != null) {
        matches(o.appliedDigest(), SHA256, at + ".outcome.appliedDigest", "64 lowercase hex digits");
      }
    }
    list(r.entries(), MAX_ENTRIES, at + ".entries");
    if (r.entries() != null) {
      for (int i = 0; i < r.entries().size(); i++) {
        String e = at + ".entries[" + i + "]";
        EntryState entry = r.entries().get(i);
        required(entry, e);
        matches(entry.name(), DNS_LABEL, e + ".name", "a DNS-1123 label");
        check(entry.state() != null && ENTRY_STATES.contains(entry.state()), e + ".state",
            "must be Pending, Syncing, Synced, Failed or Mismatch");
        if (entry.sha256() != null) {
          matches(entry.sha256(), SHA256, e + ".sha256", "64 lowercase hex digits");
        }
      }
    }
    list(r.windowsToGo(), MAX_WTG, at + ".windowsToGo");
    if (r.windowsToGo() != null) {
      for (int i = 0; i < r.windowsToGo().size(); i++) {
        windowsToGo(r.windowsToGo().get(i), at + ".windowsToGo[" + i + "]");
      }
    }
  }

  private static void windowsToGo(WindowsToGoState w, String at) {
    required(w, at);
    check(w.target() != null && WTG_TARGETS.contains(w.target()), at + ".target", "must be Partition or VhdFile");
    required(w.location(), at + ".location");
    maxLength(w.location(), 1024, at + ".location");
    check(w.state() != null && WTG_STATES.contains(w.state()), at + ".state",
        "must be applied, damaged, incomplete or unusable");
    maxLength(w.detail(), 1024, at + ".detail");
    if (w.profile() != null) {
      matches(w.profile(), DNS_LABEL, at + ".profile", "a DNS-1123 label");
    }
    if (w.imageSha256() != null) {
      matches(w.imageSha256(), SHA256, at + ".imageSha256", "64 lowercase hex digits");
    }
    check(w.imageIndex() == null || w.imageIndex() >= 1, at + ".imageIndex", "must be at least 1");
    maxLength(w.imageName(), 256, at + ".imageName");
    maxLength(w.edition(), 256, at + ".edition");
    check(w.bootConfiguration() == null || BOOT_CONFIGURATIONS.contains(w.bootConfiguration()), at + ".bootConfiguration",
        "must be Generated or NotGenerated");
    boolean notGenerated = "NotGenerated".equals(w.bootConfiguration());
    check(!notGenerated || w.bootConfigurationReason() != null && !w.bootConfigurationReason().isBlank(),
        at + ".bootConfigurationReason", "is required when bootConfiguration is NotGenerated");
    check(notGenerated || w.bootConfigurationReason() == null, at + ".bootConfigurationReason",
        "is given only when bootConfiguration is NotGenerated");
    maxLength(w.bootConfigurationReason(), 1024, at + ".bootConfigurationReason");
    optionalTime(w.appliedAt(), at + ".appliedAt");
    boolean marked = "applied".equals(w.state()) || "damaged".equals(w.state());
    check(!marked || w.imageSha256() != null && w.imageIndex() != null && w.bootConfiguration() != null, at + ".imageSha256",
        "imageSha256, imageIndex and bootConfiguration are required for an " + w.state() + " system");
  }

  private static void driveKey(String key, String field) {
    required(key, field);
    int slash = key.indexOf('/');
    check(slash > 0 && key.length() <= 127 && DNS_LABEL.matcher(key.substring(0, slash)).matches()
        && DNS_LABEL.matcher(key.substring(slash + 1)).matches(), field, "must be namespace/name of a RescueDrive");
  }

  /**
   * What an action worked on: a path on the stick or a name such as "partition table", never
   * outside the stick (absolute, {@code ..}, a backslash) and printable.
   */
  private static void actionPath(String path, String field) {
    label(path, 1024, field);
    check(!path.startsWith("/") && path.indexOf('\\') < 0, field, "must be relative to the stick, got an absolute path");
    for (String segment : path.split("/", -1)) {
      check(!segment.equals(".."), field, "must not leave the stick ('..')");
    }
  }

  /** A short text shown as is (vendor, model, versions): one printable line. */
  private static void label(String value, int max, String field) {
    maxLength(value, max, field);
    check(value == null || value.chars().noneMatch(WireValidator::control), field, "must not contain control characters");
  }

  /** A message (an error's text): lines are fine, NUL and other control characters are not. */
  private static void message(String value, String field) {
    maxLength(value, StationApi.MAX_MESSAGE_CHARS, field);
    check(value == null || value.chars().noneMatch(ch -> control(ch) && ch != '\n' && ch != '\t'), field,
        "must not contain NUL or control characters other than newline and tab");
  }

  private static boolean control(int ch) {
    return ch < 0x20 || ch >= 0x7f && ch < 0xa0;
  }

  private static void list(List<?> list, int max, String field) {
    check(list == null || list.size() <= max, field, "holds more than " + max + " items");
  }

  private static void required(Object value, String field) {
    check(value != null, field, "is required");
  }

  private static void matches(String value, Pattern pattern, String field, String what) {
    required(value, field);
    check(pattern.matcher(value).matches(), field, "must be " + what);
  }

  private static void maxLength(String value, int max, String field) {
    check(value == null || value.length() <= max, field, "is longer than " + max + " characters");
  }

  private static void requiredTime(String value, String field) {
    required(value, field);
    optionalTime(value, field);
  }

  private static void optionalTime(String value, String field) {
    check(value == null || Timestamps.parse(value).isPresent(), field, "must be an RFC 3339 time like 2025-01-31T12:00:00Z");
  }

  private static void check(boolean ok, String field, String message) {
    if (!ok) {
      throw ApiException.badRequest(field, message);
    }
  }
}
