package io.uptimepage.shares.view;


/**
 * {@code /m/{token}/badge.svg}: a small two-part badge ("uptime 24h" | "up · 99.98 %") for READMEs and wikis. The text
 * is made only from the status label (a constant of {@link StatusBadge}) and a formatted number, so nothing from the
 * core or the link reaches the SVG, and it carries no link and no token. Colours are the page's badge fills (white
 * text on each is at least 4.5:1).
 */
final class BadgeSvg {

    private static final String LABEL = "uptime 24h";
    /** Approximate advance of an 11 px sans-serif character; enough for the short, known texts a badge carries. */
    private static final double CHAR = 6.6;

    private BadgeSvg() {
    }

    static String render(StatusBadge status, String uptime, boolean uptimeKnown) {
        String value = status.label() + " · " + uptime + (uptimeKnown ? " %" : "");
        int left = width(LABEL), right = width(value), total = left + right;
        String svg = """
                <svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20" role="img" aria-label="%s: %s">\
                <title>%s: %s</title>\
                <rect width="%d" height="20" rx="3" fill="#334155"/>\
                <rect x="%d" width="%d" height="20" rx="3" fill="%s"/>\
                <rect x="%d" width="4" height="20" fill="%s"/>\
                <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">\
                <text x="%d" y="14">%s</text><text x="%d" y="14">%s</text></g></svg>
                """.formatted(total, LABEL, value, LABEL, value, total, left, right, fill(status), left, fill(status),
                left / 2, LABEL, left + right / 2, value);
        return svg;
    }

    private static int width(String text) {
        return (int) Math.ceil(text.length() * CHAR) + 12;
    }

    /** The page's badge fills (share.css). */
    static String fill(StatusBadge status) {
        return switch (status) {
            case UP -> "#15803d";
            case DOWN -> "#b91c1c";
            case DEGRADED -> "#b45309";
            case ERROR -> "#991b1b";
            case LATE -> "#a16207";
            default -> "#475569";
        };
    }
}
