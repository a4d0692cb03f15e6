package io.rescuefleet.api.wire;

/**
 * The body of every 4xx/5xx answer of the station API. {@code field} names the offending field
 * (e.g. {@code reports[2].samples[0].seconds}) or query parameter when one is to blame, else null.
 */
public record ApiError(String error, String field) {}
