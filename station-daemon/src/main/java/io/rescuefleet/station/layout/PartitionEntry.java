package io.rescuefleet.station.layout;

/**
 * One partition as {@code sfdisk -J} reports it. {@code type} is the MBR type code in hex ("7",
 * "ef") or the GPT type GUID; {@code name} and {@code attrs} exist on GPT only.
 */
public record PartitionEntry(
    int number, long start, long size, String type, String uuid, String name, boolean bootable, String attrs) {

  public Region region() {
    return new Region(start, size);
  }
}
