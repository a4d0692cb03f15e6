package io.rescuefleet.station.engine;

import io.rescuefleet.api.v1alpha1.VerifyMode;
import io.rescuefleet.station.verify.VerifyPass;

/** The drift-detection pass of a run, as reports show it. */
public record VerifyReport(
    VerifyMode mode, int filesChecked, long bytesHashed, int mismatches, double seconds, double readMBps, String readPath) {

  static VerifyReport of(VerifyPass pass) {
    return new VerifyReport(pass.mode(), pass.filesChecked(), pass.bytesHashed(), pass.mismatches(), pass.seconds(),
        pass.readMBps(), pass.readPath().toString());
  }
}
