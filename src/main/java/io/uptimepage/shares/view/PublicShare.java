package io.uptimepage.shares.view;

import java.util.List;
import java.util.UUID;

/**
 * A live share as the public path knows it: which link, whose monitor, and the exact origins allowed to frame its
 * pages (DESIGN §12; empty: nobody may). Never carries the token; {@code logId} (first 8 hex chars of the token hash)
 * is what log lines may name besides the share id.
 */
public record PublicShare(UUID id, String org, String targetId, String logId, List<String> embedOrigins) {

    public PublicShare {
        embedOrigins = embedOrigins == null ? List.of() : List.copyOf(embedOrigins);
    }

    /** A share nobody may frame. */
    public PublicShare(UUID id, String org, String targetId, String logId) {
        this(id, org, targetId, logId, List.of());
    }
}
