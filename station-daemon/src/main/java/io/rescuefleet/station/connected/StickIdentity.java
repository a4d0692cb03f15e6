package io.rescuefleet.station.connected;

/**
 * Who a stick is by its manifest, as the engine last observed it during this insertion: the drive UUID
 * RescueFleet gave its content and the RescueDrive last applied (both null for a stick without a valid
 * manifest). The heartbeat carries it, so no heartbeat has to mount a stick.
 */
record StickIdentity(String driveUuid, String driveKey) {}
