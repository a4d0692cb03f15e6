package io.rescuefleet.station.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** blkid's export format and the boot-sector fields giving a volume's size. */
class FsParsersTest {

  @Test
  void readsBlkidExport() {
    FsSignature s = FsProbe.parse("""
        DEVNAME=/dev/loop1
        SEC_TYPE=msdos
        LABEL_FATBOOT=VTOYEFI
        LABEL=VTOYEFI
        UUID=4E17-DBDB
        VERSION=FAT16
        BLOCK_SIZE=512
        TYPE=vfat
        USAGE=filesystem
        """);
    assertThat(s).isEqualTo(new FsSignature("vfat", "VTOYEFI", "4E17-DBDB", "FAT16"));
  }

  @Test
  void aPartitionTableIsNotAFilesystem() {
    assertThat(FsProbe.parse("PTUUID=0x1234\nPTTYPE=dos\nUSAGE=partition_table\n").present()).isFalse();
  }

  @Test
  void exfatVolumeLengthIsInSectors() {
    ByteBuffer b = boot("EXFAT   ");
    b.putLong(72, 456664).put(108, (byte) 9);
    assertThat(VolumeSize.parse(b)).hasValue(456664L * 512);
  }

  @Test
  void ntfsCountsAllSectorsButTheBackupBootSector() {
    ByteBuffer b = boot("NTFS    ");
    b.putShort(11, (short) 512).putLong(40, 456663);
    assertThat(VolumeSize.parse(b)).hasValue(456664L * 512);
  }

  @Test
  void otherFilesystemsHaveNoSizeHere() {
    assertThat(VolumeSize.parse(boot("MSDOS5.0"))).isEmpty();
  }

  private static ByteBuffer boot(String oem) {
    ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    b.put(3, oem.getBytes(StandardCharsets.US_ASCII));
    return b;
  }
}
