/**
 * The station API's JSON bodies, shared by the operator (server) and the station daemon (client).
 *
 * <pre>
 * POST /api/v1/stations/{station}/heartbeat     Heartbeat          -> HeartbeatAck
 * GET  /api/v1/stations/{station}/assignments?version=V&amp;waitSeconds=S
 *                                               -> Assignments (200) or 304 when V is still current after S seconds
 * POST /api/v1/stations/{station}/reports       ReportBatch        -> ReportAck (a batchId seen before is acknowledged, not re-applied)
 * </pre>
 *
 * Every request carries {@code Authorization: Bearer <station token>}; request bodies are
 * {@code application/json} of at most {@link io.rescuefleet.api.wire.StationApi#MAX_BODY_BYTES}.
 * Failures answer with an {@link io.rescuefleet.api.wire.ApiError} body:
 * 400 malformed (naming the field: also an unknown field, a key given twice, a wrong type, NUL or
 * control characters in text, a path leaving the stick; so upgrade the operator before its
 * stations), 401 no or wrong token (or unknown station), 403 a report for a
 * drive not bound to this station, 413 body too large, 415 not JSON, 503 this operator replica is
 * not the leader (retry; {@code Retry-After} says when). 4xx other than 401 and 503 are final: a
 * resent batch gets the same answer.
 *
 * <p>Assignment versions are opaque: a station sends back the version it holds, and gets 304 when
 * nothing changed within {@code waitSeconds}, else 200 with the current set. A report for a stick
 * the station just lost (removed, or the station's heartbeat no longer lists it) is still accepted
 * from the station it was last bound to.
 */
package io.rescuefleet.api.wire;
