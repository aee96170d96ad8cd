package io.uptimepage.shares.auth;

import java.util.Set;

/**
 * Who is calling the operator API, as plain data: services never see JWT types.
 *
 * @param org    org identifier (the {@code org} claim), sent to the core as {@code X-Uptimepage-Org}
 * @param userId the {@code sub} claim, recorded as {@code created_by}/{@code revoked_by}
 * @param scopes the space-separated {@code scope} claim
 * @param plan   the {@code plan} claim as given (unknown or missing plans resolve to {@code free} in the plan package)
 */
public record Caller(String org, String userId, Set<String> scopes, String plan) {
}
