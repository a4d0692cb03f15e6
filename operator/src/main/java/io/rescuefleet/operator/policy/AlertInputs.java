package io.rescuefleet.operator.policy;

import java.util.Set;

/** What alert evaluation looks at for one stick; {@code firing} are the alerts firing before this pass. */
public record AlertInputs(
    ThroughputStats write,
    ThroughputStats read,
    int consecutiveFailures,
    Integer lastVerifyMismatches,
    long bytesWritten,
    Set<AlertKind> firing) {}
