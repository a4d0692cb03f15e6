package io.rescuefleet.station.execute;

/** The device work the executor dispatches to, one collaborator per kind; tests pass recording fakes. */
public record Works(
    SourceWork sources,
    PartitionWork partitions,
    FilesystemWork filesystems,
    BootWork boot,
    VolumeWork volume,
    ReadBackWork readBack,
    WtgWork wtg) {}
