/**
 * The web dashboard served beside a scheduler: live pages (status, workers, graph, system, info),
 * a JSON API, WebSocket push of snapshots at a bounded rate, Prometheus metrics and a health check.
 * The scheduler finds it through {@link io.jdask.dashboard.DashboardFactory} when its builder has a
 * dashboard address; see {@code docs/dashboard.md}.
 */
package io.jdask.dashboard;
