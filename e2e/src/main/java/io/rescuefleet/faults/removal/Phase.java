package io.rescuefleet.faults.removal;

import java.util.Set;

/** The part of an apply a stick is pulled in, by the actions that make it up. */
public enum Phase {
  ISO_SYNC("iso-sync", Set.of("RetractManifestEntries", "CleanStaging", "DeleteFile", "CopyFile", "VerifyFile")),
  VENTOY_JSON("ventoy-json", Set.of("WriteVentoyJson")),
  REPARTITION("repartition", Set.of("WritePartitionTable", "FormatDataPartition", "RelabelDataPartition", "WriteBootCode",
      "FormatEfiPartition", "WriteEfiImage")),
  WTG_APPLY("wtg-apply", Set.of("RetractWtgRecord", "CreateWtgPartition", "ApplyWtg", "RemoveWtg"));

  private final String label;
  private final Set<String> actions;

  Phase(String label, Set<String> actions) {
    this.label = label;
    this.actions = actions;
  }

  public String label() {
    return label;
  }

  /** Whether an action of this type belongs to the phase. */
  public boolean has(String actionType) {
    return actions.contains(actionType);
  }
}
