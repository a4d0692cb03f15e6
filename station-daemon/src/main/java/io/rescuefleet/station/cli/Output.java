package io.rescuefleet.station.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rescuefleet.station.engine.EngineResult;
import io.rescuefleet.station.engine.Inspection;
import io.rescuefleet.station.engine.ReadBackReport;
import io.rescuefleet.station.engine.VerifyReport;
import io.rescuefleet.station.execute.ActionReport;
import io.rescuefleet.station.plan.Action;
import io.rescuefleet.station.plan.PlanNote;
import io.rescuefleet.station.wtg.WtgStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Renders results as text for people or as one JSON object for scripts. */
final class Output {
  /** The two output formats. */
  enum Format {
    text,
    json
  }

  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .serializationInclusion(JsonInclude.Include.ALWAYS)
      .build();

  private Output() {}

  /** The JSON of apply: what was done. */
  static ObjectNode applied(EngineResult r, String target) {
    ObjectNode o = common("apply", r, target);
    ArrayNode actions = o.putArray("actions");
    for (ActionReport a : r.actions()) {
      ObjectNode n = actions.addObject();
      n.put("type", a.type()).put("path", a.path()).put("bytes", a.bytes()).put("seconds", round(a.seconds()))
          .put("ok", a.ok());
      if (a.error() != null) {
        n.put("error", a.error());
      }
    }
    return o;
  }

  /** The JSON of diff: what apply would do. */
  static ObjectNode planned(EngineResult r, String target) {
    ObjectNode o = common("diff", r, target);
    o.put("converged", r.failure() == null && r.plan() != null && r.plan().converged());
    ArrayNode actions = o.putArray("actions");
    if (r.plan() != null) {
      for (Action a : r.plan().actions()) {
        ObjectNode n = actions.addObject().put("type", a.type()).put("path", a.target());
        if (a.bytes() < 0) {
          n.putNull("bytes"); // known only once it runs (a manifest, a format): null, never a made-up -1
        } else {
          n.put("bytes", a.bytes());
        }
        n.put("seconds", 0).put("description", a.describe()).put("writesToStick", a.writesToStick());
      }
    }
    return o;
  }

  private static ObjectNode common(String command, EngineResult r, String target) {
    ObjectNode o = JSON.createObjectNode();
    o.put("command", command).put("drive", r.driveKey()).put("target", target).put("device", r.device())
        .put("converged", r.converged());
    o.put("bytesWritten", r.bytesWritten()).put("bytesRead", r.bytesRead())
        .put("writeMBps", round(r.writeMBps())).put("readMBps", round(r.readMBps()));
    o.set("verify", verify(r.verify(), r.readBack()));
    o.put("driftDetected", r.driftDetected()).put("driftCorrected", r.driftCorrected());
    ArrayNode notes = o.putArray("notes");
    for (PlanNote n : r.notes()) {
      notes.addObject().put("severity", n.severity().name()).put("reason", n.reason()).put("message", n.message());
    }
    ArrayNode unmanaged = o.putArray("unmanaged");
    r.unmanaged().forEach(unmanaged::add);
    o.set("windowsToGo", JSON.valueToTree(r.windowsToGo()));
    o.put("appliedDigest", r.appliedDigest()).put("lifetimeBytesWritten", r.lifetimeBytesWritten())
        .put("filesystemDriver", r.filesystemDriver()).put("seconds", round(r.seconds()));
    if (r.failure() == null) {
      o.putNull("failure");
    } else {
      o.putObject("failure").put("reason", r.failure().reason()).put("message", r.failure().message());
    }
    return o;
  }

  /**
   * Everything the run hashed from the device: the totals, then the drift-detection pass over what was
   * on the stick ({@code pass}) and the read-back of what it wrote ({@code readBack}) on their own.
   */
  private static ObjectNode verify(VerifyReport v, ReadBackReport b) {
    ObjectNode verify = JSON.createObjectNode();
    if (v != null) {
      double seconds = v.seconds() + b.seconds();
      verify.put("mode", v.mode().name()).put("filesChecked", v.filesChecked() + b.filesChecked())
          .put("bytesHashed", v.bytesHashed() + b.bytesHashed()).put("mismatches", v.mismatches() + b.mismatches())
          .put("readMBps", round(seconds <= 0 ? 0 : (v.bytesHashed() + b.bytesHashed()) / seconds / 1e6))
          .put("readPath", v.readPath());
      verify.putObject("pass").put("filesChecked", v.filesChecked()).put("bytesHashed", v.bytesHashed())
          .put("mismatches", v.mismatches()).put("readMBps", round(v.readMBps()));
    }
    verify.putObject("readBack").put("filesChecked", b.filesChecked()).put("bytesHashed", b.bytesHashed())
        .put("mismatches", b.mismatches()).put("readMBps", round(b.readMBps()));
    return verify;
  }


  /**
   * The JSON of inspect: the inspection, with ventoy.json as JSON when it is well-formed and safe to
   * show (null otherwise, {@code ventoyJsonStatus} says why).
   */
  static ObjectNode inspected(Inspection i, String target) {
    ObjectNode o = JSON.createObjectNode().put("command", "inspect").put("target", target);
    o.setAll((ObjectNode) JSON.valueToTree(i));
    if (i.ventoyJson() != null) {
      try {
        o.set("ventoyJson", JSON.readTree(i.ventoyJson()));
      } catch (JsonProcessingException e) {
        o.putNull("ventoyJson");
      }
    }
    return o;
  }

  static void json(PrintStream out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /** The text summary after apply or diff. */
  static void summary(PrintStream out, EngineResult r, String target, boolean applied) {
    String state = r.failure() != null && applied ? "NOT converged"
        : applied ? (r.converged() ? "converged" : "NOT converged")
        : r.plan().converged() ? "nothing to do" : r.plan().actions().size() + " action(s) to do";
    out.printf("%s on %s: %s%n", r.driveKey(), target, state);
    if (applied) {
      out.printf("  %d action(s), %s written at %s, %s read at %s%n", r.actions().size(), bytes(r.bytesWritten()),
          mbps(r.writeMBps()), bytes(r.bytesRead()), mbps(r.readMBps()));
    } else if (r.plan() != null) {
      for (Action a : r.plan().actions()) {
        boolean bookkeeping = a instanceof io.rescuefleet.station.plan.WriteManifest m && m.bookkeeping();
        out.printf("  %-22s %s%s%n", a.type(), a.describe(), bookkeeping ? " [bookkeeping]" : "");
      }
    }
    VerifyReport v = r.verify();
    if (v != null) {
      out.printf("  verify: %s, %d file(s), %s hashed from the device at %s (%s), %d mismatch(es)%n", v.mode(),
          v.filesChecked(), bytes(v.bytesHashed()), mbps(v.readMBps()), v.readPath(), v.mismatches());
    }
    ReadBackReport b = r.readBack();
    if (b.filesChecked() > 0) {
      out.printf("  read back after writing: %d file(s), %s hashed from the device at %s, %d mismatch(es)%n",
          b.filesChecked(), bytes(b.bytesHashed()), mbps(b.readMBps()), b.mismatches());
    }
    if (r.driftDetected()) {
      out.printf("  drift: detected%s%n", r.driftCorrected() ? " and corrected" : applied ? ", NOT corrected" : "");
    }
    for (PlanNote n : r.notes()) {
      out.printf("  note: %s: %s%n", n.reason(), n.message());
    }
    if (!r.unmanaged().isEmpty()) {
      out.printf("  unmanaged (left alone): %s%n", String.join(", ", r.unmanaged()));
    }
    for (WtgStatus w : r.windowsToGo()) {
      out.printf("  windows to go: %s%n", windowsToGo(w));
    }
    if (r.filesystemDriver() != null) {
      out.printf("  data filesystem driver: %s%n", r.filesystemDriver());
    }
  }

  static void inspection(PrintStream out, Inspection i, String target) {
    out.printf("%s: %s, serial %s%n", target, bytes(i.sizeBytes()), i.serial() == null ? "-" : i.serial());
    out.printf("partition table: %s%n", i.partitionStyle());
    for (Inspection.PartitionView p : i.partitions()) {
      out.printf("  %d  start %-9d size %-10d type %-36s %-8s %s%s%n", p.number(), p.start(), p.size(), p.type(),
          p.name() == null ? "" : p.name(), p.filesystem() == null ? "-" : p.filesystem(),
          p.label() == null ? "" : " \"" + p.label() + "\"");
    }
    out.printf("Ventoy: %s%s%n", i.ventoyVersion(), i.secureBoot() == null ? "" : i.secureBoot() ? " (Secure Boot support)" : "");
    out.printf("data partition: %s, %s free of %s%n", i.filesystemDriver() == null ? "not mounted" : i.filesystemDriver(),
        bytes(i.freeBytes()), bytes(i.totalBytes()));
    out.printf("manifest: %s%n", printable(i.manifestStatus()));
    if (i.verify() != null && i.verify().filesChecked() > 0) {
      out.printf("verify: %s, %d file(s), %s hashed at %s (%s), %d mismatch(es)%n", i.verify().mode(),
          i.verify().filesChecked(), bytes(i.verify().bytesHashed()), mbps(i.verify().readMBps()), i.verify().readPath(),
          i.verify().mismatches());
    }
    out.println("files:");
    for (Inspection.FileView f : i.files()) {
      // A file's name comes from the stick: it must not drive the terminal.
      out.printf("  %-48s %12d  %s  %-10s %s%n", printable(f.path()), f.size(), f.mtime(), f.state(),
          f.sha256() == null ? "" : f.sha256().substring(0, 16) + "...");
    }
    out.printf("ventoy.json: %s%n", printable(i.ventoyJsonStatus()));
    if (i.ventoyJson() != null) {
      i.ventoyJson().strip().lines().forEach(line -> out.printf("  %s%n", printable(line)));
    }
    out.printf("ventoy_grub.cfg (F6 menu): %s%n", i.ventoyMenu() == null ? "absent" : "");
    if (i.ventoyMenu() != null) {
      i.ventoyMenu().strip().lines().forEach(line -> out.printf("  %s%n", printable(line)));
    }
    out.printf("windows to go:%s%n", i.windowsToGo().isEmpty() ? " none" : "");
    for (WtgStatus w : i.windowsToGo()) {
      out.printf("  %s%n", windowsToGo(w));
    }
  }

  /** One line: where, what state, which image, boot configuration. */
  static String windowsToGo(WtgStatus w) {
    StringBuilder s = new StringBuilder().append(w.location()).append(": ").append(w.state());
    if (w.imageSha256() != null) {
      s.append(", image ").append(w.imageIndex()).append(" \"").append(w.imageName()).append("\" of ")
          .append(w.imageSha256(), 0, 12).append(", WtgProfile \"").append(w.profile()).append("\", boot configuration ")
          .append(w.bootConfiguration()).append(", applied ").append(w.appliedAt());
    }
    if (w.samplesChecked() != null) {
      s.append(", ").append(w.samplesChecked()).append(" sampled file(s) checked");
    }
    if (w.detail() != null) {
      s.append(" (").append(w.detail()).append(')');
    }
    return s.toString();
  }

  /** Text from a stick or a tool, with control characters (terminal escapes) shown as '?'. */
  static String printable(String text) {
    return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  static String mbps(double mbps) {
    return String.format(Locale.ROOT, "%.1f MB/s", mbps);
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  static void failure(PrintStream err, String reason, String message) {
    err.println("rescue-station: " + reason + ": " + message);
  }

  static void problems(PrintStream err, List<String> problems) {
    problems.forEach(p -> err.println("rescue-station: invalid: " + p));
  }
}
