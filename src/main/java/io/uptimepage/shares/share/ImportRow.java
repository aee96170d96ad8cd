package io.uptimepage.shares.share;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One validated line of an import (a row of the core's {@code monitor_shares}, DESIGN §11). */
record ImportRow(int line, UUID id, String org, UUID targetId, String tokenHash, String tokenEnc, String label,
        String createdBy, OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt, long viewCount,
        OffsetDateTime lastViewedAt, List<Share.PageRef> usedByPages) {
}
