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
 * Every request carries {@code Authorization: Bearer <station token>}.
 */
package io.rescuefleet.api.wire;
