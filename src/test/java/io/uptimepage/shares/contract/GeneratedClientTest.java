package io.uptimepage.shares.contract;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.uptimepage.shares.client.ApiClient;
import io.uptimepage.shares.client.ApiException;
import io.uptimepage.shares.client.api.SharesApi;
import io.uptimepage.shares.client.model.NewShare;
import io.uptimepage.shares.client.model.Share;
import io.uptimepage.shares.client.model.ShareEdit;
import io.uptimepage.shares.support.Jwts;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static io.uptimepage.shares.support.CoreStubs.newTargetId;
import static io.uptimepage.shares.support.CoreStubs.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client generated from {@code docs/openapi.yaml} (openapi-generator, Java native, into
 * {@code target/generated-test-sources/openapi-client} at generate-test-sources) works against the running service:
 * it mints, lists, edits and revokes a link, and reads an error as the documented status with the envelope. If the
 * spec drifts from the service in a way a client notices (a status, a field's type or format, a required field), this
 * fails where the hand-written tests would not.
 */
@QuarkusTest
class GeneratedClientTest {

    @TestHTTPResource("/")
    URI base;

    private SharesApi shares(String org) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/+$", ""));
        String bearer = Jwts.bearer(Jwts.operator(org));
        client.setRequestInterceptor(request -> request.header("Authorization", bearer));
        return new SharesApi(client);
    }

    @Test
    void aGeneratedClientMintsListsEditsAndRevokes() throws Exception {
        String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String targetId = newTargetId();
        target(org, targetId);
        UUID monitor = UUID.fromString(targetId);
        SharesApi api = shares(org);

        Share minted = api.mintShare(monitor, new NewShare().label("for the client"));
        assertEquals(monitor, minted.getTargetId());
        assertEquals("for the client", minted.getLabel());
        assertEquals(Share.StateEnum.ACTIVE, minted.getState());
        assertTrue(minted.getUrl().toString().endsWith("/m/" + minted.getToken()), minted.getUrl().toString());
        assertNull(minted.getExpiresAt());

        List<Share> live = api.listShares(monitor, null);
        assertEquals(List.of(minted.getId()), live.stream().map(Share::getId).toList());

        // the generated signatures take path parameters in the spec's order, which smallrye sorts by name: shareId first
        UUID shareId = minted.getId();
        Share edited = api.editShare(shareId, monitor, new ShareEdit().label("renamed").paused(true));
        assertEquals("renamed", edited.getLabel());
        assertEquals(Share.StateEnum.PAUSED, edited.getState());
        assertEquals(minted.getToken(), edited.getToken(), "an edit keeps the token");

        api.revokeShare(shareId, monitor);
        assertEquals(List.of(), api.listShares(monitor, null), "a revoked link leaves the live list");
        Share revoked = api.listShares(monitor, "all").get(0);
        assertEquals(Share.StateEnum.REVOKED, revoked.getState());
        assertTrue(revoked.getRevokedAt() != null, "revoked_at is set");

        ApiException again = assertThrows(ApiException.class, () -> api.revokeShare(shareId, monitor));
        assertEquals(404, again.getCode());
        assertTrue(again.getResponseBody().contains("\"SHARE_NOT_FOUND\""), again.getResponseBody());
    }

    @Test
    void aClientWithoutAValidTokenGetsTheDocumented401() {
        ApiClient anonymous = new ApiClient();
        anonymous.updateBaseUri(base.toString().replaceAll("/+$", ""));
        ApiException e = assertThrows(ApiException.class, () -> new SharesApi(anonymous)
                .listShares(UUID.fromString(newTargetId()), null));
        assertEquals(401, e.getCode());
        assertTrue(e.getResponseBody().contains("\"UNAUTHORIZED\""), e.getResponseBody());
    }
}
