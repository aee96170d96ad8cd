package io.uptimepage.shares.plan;

/** The share caps in force for one org: its plan's values, with any live per-org override applied. */
public record Limits(String plan, int maxShareLinksPerMonitor, int maxSharedMonitors) {
}
