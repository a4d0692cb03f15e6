package io.rescuefleet.api.wire;

/** The operator's answer to a report batch; {@code duplicate} when the batch was applied before. */
public record ReportAck(String batchId, int applied, boolean duplicate) {}
