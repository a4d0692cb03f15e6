package io.rescuefleet.station.plan;

/**
 * One step of a plan. Immutable; executors carry it out without deciding anything. The Windows To Go
 * work adds its steps under {@link WtgAction}.
 */
public sealed interface Action
    permits FetchImage, WritePartitionTable, FormatDataPartition, RelabelDataPartition, FormatEfiPartition,
        WriteBootCode, WriteEfiImage, CleanStaging, RetractManifestEntries, DeleteFile, CopyFile, VerifyFile,
        WriteVentoyJson, WriteVentoyMenu, RemoveVentoyMenu, WriteManifest, WtgAction {

  /** The action's kind as reports name it, e.g. {@code CopyFile}. */
  default String type() {
    return getClass().getSimpleName();
  }

  /** What it acts on: a file path on the data partition, or a part of the stick. */
  String target();

  /** Bytes it is expected to move (written, or read for verification); -1 when unknown until it runs. */
  long bytes();

  /** True for steps that write to the stick (all but fetching sources and verifying). */
  default boolean writesToStick() {
    return true;
  }

  /** One line for diff and logs. */
  String describe();
}
