package io.uptimepage.shares.share;

import java.util.List;
import java.util.UUID;

/**
 * What the public resolve needs of a live share: which link, whose monitor, and the origins allowed to frame it
 * (DESIGN §12; empty when none, as validated by {@code EmbedOrigins} on write).
 */
public record LiveShare(UUID id, String org, UUID targetId, List<String> embedOrigins) {
}
