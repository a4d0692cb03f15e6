package io.rescuefleet.operator.controller;

import io.rescuefleet.operator.binding.BindingInputs;
import io.rescuefleet.operator.fleet.DriveRuntime;
import io.rescuefleet.operator.fleet.DriveState;
import io.rescuefleet.operator.policy.Acknowledgement;

/** What the drive controller sees of one drive: its runtime state, the binding inputs and the acknowledgement. */
record DriveObservation(String key, DriveState state, DriveRuntime runtime, BindingInputs binding, Acknowledgement ack) {}
