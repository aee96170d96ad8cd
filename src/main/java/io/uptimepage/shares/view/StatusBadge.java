package io.uptimepage.shares.view;

/**
 * The monitor's status badge: the newest result of the last 7 days, with the heartbeat pseudo statuses
 * {@code late} (past due, inside its grace) and {@code waiting} (never pinged), and {@code checking…} when there is
 * no result yet. {@code unknown} when the core cannot tell us.
 */
public enum StatusBadge {
    UP("up", "up"),
    DOWN("down", "down"),
    DEGRADED("degraded", "degraded"),
    ERROR("error", "error"),
    LATE("late", "late"),
    WAITING("waiting", "waiting"),
    CHECKING("checking", "checking…"),
    UNKNOWN("unknown", "unknown");

    private final String css;
    private final String label;

    StatusBadge(String css, String label) {
        this.css = css;
        this.label = label;
    }

    /** The CSS modifier and {@code data-status} value. */
    public String css() {
        return css;
    }

    /** What the badge reads. */
    public String label() {
        return label;
    }

    /** A result status from the core ({@code up|down|degraded|error}); anything else reads "unknown". */
    public static StatusBadge ofResult(String status) {
        if (status == null) {
            return CHECKING;
        }
        return switch (status) {
            case "up" -> UP;
            case "down" -> DOWN;
            case "degraded" -> DEGRADED;
            case "error" -> ERROR;
            default -> UNKNOWN;
        };
    }
}
