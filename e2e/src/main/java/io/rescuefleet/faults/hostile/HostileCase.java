package io.rescuefleet.faults.hostile;

import java.util.Random;

/** One hostile condition: its ledger kind, how the CLI must end, and how to set it up. */
public interface HostileCase {
  /** e.g. {@code hostile/disk-full}. */
  String kind();

  Expected expected();

  /** Sets the condition up in a fresh corner of the lab, with seeded randomness (sizes, offsets). */
  Arranged arrange(HostileLab lab, Random random) throws Exception;
}
