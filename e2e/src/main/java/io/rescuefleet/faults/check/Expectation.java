package io.rescuefleet.faults.check;

import io.rescuefleet.api.resolve.DriveAssignment;
import io.rescuefleet.api.v1alpha1.PartitionStyle;
import io.rescuefleet.faults.lab.DriveSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a stick converged to one spec holds, in the independent reader's terms: the table, each file's
 * content, ventoy.json, the manifest claiming that spec and vouching for exactly those files, and the
 * Windows To Go image (by WIM and index) when the spec has one.
 *
 * @param wtgImageSha256 null when the spec has no Windows To Go
 */
public record Expectation(String spec, String tableLabel, Map<String, String> files, String ventoyJsonSha256,
    String specDigest, String wtgImageSha256, Integer wtgIndex) {

  public Expectation {
    files = Map.copyOf(files);
  }

  public static Expectation of(DriveSpec spec) {
    DriveAssignment a = spec.assignment();
    Map<String, String> files = new LinkedHashMap<>();
    a.files().forEach(f -> files.put(f.path(), f.sha256()));
    String label = a.layout().partitionStyle() == PartitionStyle.MBR ? "dos" : "gpt";
    return new Expectation(spec.name(), label, files, spec.ventoyJsonSha256(), a.contentDigest(),
        a.wtg() == null ? null : a.wtg().imageSha256(), a.wtg() == null ? null : a.wtg().index());
  }

  /** Every way {@code stick} is not this spec converged; empty when it is. */
  public List<String> differences(StickContents stick) {
    List<String> out = new ArrayList<>();
    if (!Objects.equals(tableLabel, stick.tableLabel())) {
      out.add("partition table " + stick.tableLabel() + ", not " + tableLabel);
    }
    if (stick.dataProblem() != null) {
      out.add("data partition unreadable: " + stick.dataProblem());
      return out;
    }
    files.forEach((path, sha) -> {
      StickContents.FileFact have = stick.files().get(path);
      if (have == null) {
        out.add(path + " missing");
      } else if (!have.sha256().equals(sha)) {
        out.add(path + " has other content");
      }
    });
    if (!Objects.equals(ventoyJsonSha256, stick.ventoyJsonSha256())) {
      out.add("ventoy.json is not the spec's");
    }
    StickContents.Manifest m = stick.manifest();
    if (m == null) {
      out.add("no manifest" + (stick.manifestProblem() == null ? "" : " (" + stick.manifestProblem() + ")"));
      return out;
    }
    if (!Objects.equals(specDigest, m.specDigest())) {
      out.add("the manifest does not claim the spec");
    }
    Map<String, String> listed = new LinkedHashMap<>();
    m.files().forEach(f -> listed.put(f.path(), f.sha256()));
    if (!listed.equals(files)) {
      out.add("the manifest lists " + listed.keySet() + ", not " + files.keySet());
    }
    if (wtgImageSha256 == null) {
      if (m.wtg() != null) {
        out.add("the manifest records a Windows To Go system the spec does not have");
      }
    } else if (m.wtg() == null) {
      out.add("no Windows To Go system recorded");
    } else if (!wtgImageSha256.equals(m.wtg().imageSha256()) || !Objects.equals(wtgIndex, m.wtg().index())) {
      out.add("Windows To Go records image " + m.wtg().index() + ", not " + wtgIndex);
    } else {
      out.addAll(ManifestAudit.wtgProblems(m.wtg(), stick.wtg()));
    }
    return out;
  }
}
