package io.uptimepage.shares.view;

import java.util.UUID;

/**
 * A live share as the public path knows it: which link, and whose monitor. Never carries the token; {@code logId}
 * (first 8 hex chars of the token hash) is what log lines may name besides the share id.
 */
public record PublicShare(UUID id, String org, String targetId, String logId) {
}
