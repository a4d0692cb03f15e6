package io.rescuefleet.station.layout;

import java.util.List;
import java.util.Optional;

/** A disk's partition table as read back from the disk; {@code label} is "gpt", "dos" or "none". */
public record PartitionTable(String label, String id, long sectorSize, List<PartitionEntry> partitions) {
  public static final String GPT = "gpt";
  public static final String DOS = "dos";
  public static final String NONE = "none";

  public PartitionTable {
    partitions = List.copyOf(partitions);
  }

  /** A disk with no partition table sfdisk recognises (blank, wiped, or a "superfloppy"). */
  public static PartitionTable none() {
    return new PartitionTable(NONE, null, 512, List.of());
  }

  public boolean present() {
    return !NONE.equals(label);
  }

  public Optional<PartitionEntry> partition(int number) {
    return partitions.stream().filter(p -> p.number() == number).findFirst();
  }
}
