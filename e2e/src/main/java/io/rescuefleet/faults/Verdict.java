package io.rescuefleet.faults;

/** How one injection ended, and why, as the ledger records it. */
public record Verdict(Outcome outcome, String detail) {}
