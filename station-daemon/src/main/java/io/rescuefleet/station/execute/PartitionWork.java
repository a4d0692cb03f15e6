package io.rescuefleet.station.execute;

import io.rescuefleet.station.plan.WritePartitionTable;

/** Writes partition tables. Idempotent: the same action twice leaves the same table. */
public interface PartitionWork {
  void writeTable(String disk, WritePartitionTable action);
}
