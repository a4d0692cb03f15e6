package io.rescuefleet.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What the operator knows of a stick, from its station's reports. */
public class RescueDriveStatus extends ResourceStatus {
  @JsonPropertyDescription("Pending, Absent, Reconciling, Ready, Drifted, Degraded, Failed or Quarantined.")
  public DrivePhase phase;

  @JsonPropertyDescription("Station the stick was last seen in.")
  public String station;

  @JsonPropertyDescription("USB port path the stick was last seen in.")
  public String port;

  @JsonPropertyDescription("Serial of the stick this drive is bound to (its serial, or the stick found in the claimed port).")
  public String boundSerial;

  @JsonPropertyDescription("Last time a station reported the stick (RFC 3339).")
  public String lastSeen;

  @JsonPropertyDescription("Per entry: name, state and the SHA-256 on the stick.")
  public List<EntryStatus> entries = new ArrayList<>();

  @JsonPropertyDescription("Entries in sync over entries wanted, e.g. 3/5.")
  public String entriesSynced;

  @JsonPropertyDescription("Lifetime bytes RescueFleet wrote to the stick, as the stick's manifest counts them: what"
      + " reached the device by its own write counter (filesystem metadata included). Drives the wear alert.")
  public Long bytesWritten;

  @JsonPropertyDescription("Write throughput of the last sync, MB/s (10^6 bytes per second).")
  public Double lastWriteMBps;

  @JsonPropertyDescription("Read throughput of the last verification, MB/s.")
  public Double lastReadMBps;

  @JsonPropertyDescription("Progress of the running reconcile.")
  public Progress progress;

  @JsonPropertyDescription("The last verification of the stick.")
  public LastVerify lastVerify;

  @JsonPropertyDescription("Number of times drift was found and corrected.")
  public Long driftCorrections;

  @JsonPropertyDescription("Content digest of the assignment the stick was last made to match.")
  public String appliedDigest;

  @JsonPropertyDescription("Failed reconciles in a row; reset by a converged one.")
  public Integer consecutiveFailures;

  @JsonPropertyDescription("The operator's verification schedule: insertions since the last Full verification and the level due now.")
  public Verification verification;

  @JsonPropertyDescription("The Windows To Go system on the stick as its station last found it; absent when it has none.")
  public WindowsToGo windowsToGo;

  /** A Windows To Go system on the stick, as its marker on the stick says. */
  public static class WindowsToGo {
    @JsonPropertyDescription("Partition (in the reserved space) or VhdFile (on the data partition).")
    public String target;

    @JsonPropertyDescription("Where it is: partition 3, or the VHD's path on the data partition.")
    public String location;

    @JsonPropertyDescription("applied, damaged (sampled files differ from the image), incomplete (never applied or"
        + " interrupted) or unusable.")
    public String state;

    @JsonPropertyDescription("Why it is damaged, incomplete or unusable.")
    public String detail;

    @JsonPropertyDescription("The WtgProfile it was applied from.")
    public String profile;

    @JsonPropertyDescription("SHA-256 of the WIM or ESD it was applied from.")
    public String imageSha256;

    @JsonPropertyDescription("Index of the applied image inside that file.")
    public Integer imageIndex;

    @JsonPropertyDescription("Name of the applied image.")
    public String imageName;

    @JsonPropertyDescription("The edition the profile selected by, if it selected by edition.")
    public String edition;

    @JsonPropertyDescription("Generated (EFI boot files and a BCD store, as bcdboot makes them) or NotGenerated.")
    public String bootConfiguration;

    @JsonPropertyDescription("Why no boot configuration was generated: nothing boots this Windows.")
    public String bootConfigurationReason;

    @JsonPropertyDescription("When it was applied (RFC 3339).")
    public String appliedAt;
  }

  @JsonPropertyDescription("The highest report sequence applied for each of the stick's latest insertions, written "
      + "with the counts it produced: a report batch a station resends after an operator restart is recognised "
      + "and not applied twice.")
  public List<ReportMark> reportSequences = new ArrayList<>();

  /** The highest report sequence applied for one insertion of one stick. */
  public static class ReportMark {
    @JsonPropertyDescription("Serial of the stick.")
    public String serial;

    @JsonPropertyDescription("The station's id of the insertion.")
    public String insertionId;

    @JsonPropertyDescription("Highest sequence applied.")
    public Long sequence;
  }

  /** State of one catalog entry on the stick. */
  public static class EntryStatus {
    @JsonPropertyDescription("Entry name.")
    public String name;

    @JsonPropertyDescription("Pending, Syncing, Synced, Failed or Mismatch.")
    public String state;

    @JsonPropertyDescription("SHA-256 of the file on the stick, once verified.")
    public String sha256;
  }

  /** Progress of a reconcile in bytes. */
  public static class Progress {
    @JsonPropertyDescription("Bytes done.")
    public Long bytesDone;

    @JsonPropertyDescription("Bytes to do in all.")
    public Long bytesTotal;

    @JsonPropertyDescription("Estimated time left, e.g. 1m20s.")
    public String eta;
  }

  /**
   * Where the sampling policy stands for this stick. Kept in status so a restarted or newly
   * elected operator continues the count instead of starting over.
   */
  public static class Verification {
    @JsonPropertyDescription("The insertion the level below was decided for (the station's insertion id).")
    public String insertionId;

    @JsonPropertyDescription("Insertions counted since the last Full verification, this one included.")
    public Integer insertionsSinceFull;

    @JsonPropertyDescription("When the last Full verification finished (RFC 3339).")
    public String lastFull;

    @JsonPropertyDescription("The verification level due for the current insertion: Quick, Sampled or Full.")
    public VerifyMode due;
  }

  /** The last verification. */
  public static class LastVerify {
    @JsonPropertyDescription("Quick, Sampled or Full.")
    public VerifyMode mode;

    @JsonPropertyDescription("When it finished (RFC 3339).")
    public String time;

    @JsonPropertyDescription("Files or chunks that did not match.")
    public Integer mismatches;
  }
}
