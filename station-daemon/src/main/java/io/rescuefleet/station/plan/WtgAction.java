package io.rescuefleet.station.plan;

/**
 * Steps of the Windows To Go work (apply a WIM image, write boot files and unattend.xml). Left open
 * here so that work can add its records without touching the rest of the plan; it will seal this
 * interface over them.
 */
public non-sealed interface WtgAction extends Action {}
