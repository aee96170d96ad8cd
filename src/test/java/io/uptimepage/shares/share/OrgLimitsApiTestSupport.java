package io.uptimepage.shares.share;

/** The internal bearer of the test profile ({@code %test.shares.internal-token}). */
final class OrgLimitsApiTestSupport {

    static final String INTERNAL = "Bearer test-internal-token";

    private OrgLimitsApiTestSupport() {
    }
}
