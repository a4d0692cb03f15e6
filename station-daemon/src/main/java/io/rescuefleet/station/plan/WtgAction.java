package io.rescuefleet.station.plan;

/**
 * Steps of the Windows To Go work: check the profile's image, make room for the Windows volume, apply
 * the image with its boot files and unattend.xml, remove a system the spec no longer wants, and take
 * the manifest's record of it back before changing it.
 */
public sealed interface WtgAction extends Action
    permits PrepareWtgImage, RetractWtgRecord, CreateWtgPartition, ApplyWtg, RemoveWtg, RecordWtg {}
