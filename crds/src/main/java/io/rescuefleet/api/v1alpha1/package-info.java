/**
 * The RescueFleet API, group {@code rescuefleet.io}, version {@code v1alpha1}: the custom resources
 * platform teams apply. Structural rules live here as schema annotations (patterns, bounds, CEL);
 * semantic rules live in {@link io.rescuefleet.api.validate.ManifestValidator}.
 */
package io.rescuefleet.api.v1alpha1;
