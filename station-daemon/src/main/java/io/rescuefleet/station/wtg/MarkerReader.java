package io.rescuefleet.station.wtg;

import io.rescuefleet.station.process.ToolFailedException;
import io.rescuefleet.station.wtg.volume.MarkerCodec;
import io.rescuefleet.station.wtg.volume.MarkerRead;
import io.rescuefleet.station.wtg.volume.NtfsTools;
import io.rescuefleet.station.wtg.volume.WtgMarker;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the Windows To Go marker of an unmounted NTFS volume with ntfscat; a volume it cannot read has none. */
final class MarkerReader {
  private static final Logger LOG = LoggerFactory.getLogger(MarkerReader.class);

  private final NtfsTools ntfs;

  MarkerReader(NtfsTools ntfs) {
    this.ntfs = ntfs;
  }

  MarkerRead read(String device) {
    try {
      return MarkerCodec.read(ntfs.text(device, WtgMarker.PATH).map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null));
    } catch (ToolFailedException e) {
      LOG.warn("windows to go marker unreadable device={} error={}", device, e.getMessage());
      return new MarkerRead.Unreadable("ntfscat cannot read it: " + e.getMessage());
    }
  }
}
