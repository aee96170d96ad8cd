package io.uptimepage.shares.view;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.error.PublicFailure;
import io.uptimepage.shares.share.PublicShares;
import io.uptimepage.shares.share.ShareService;
import io.uptimepage.shares.view.CoreReads.Monitor;
import io.uptimepage.shares.view.PublicData.Fetched;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Token → live share → monitor, or the one 404 ({@link PublicFailure#NOT_FOUND}) for every reason a link does not
 * work: malformed, unknown, expired, revoked, monitor deleted, monitor on plan hold.
 *
 * <p>The share is read from the database on EVERY request (one unique-index lookup by hash, no decrypt): a revoke on
 * any replica takes effect on the next request everywhere, so share resolution is deliberately never cached. Only
 * the core's view of the target comes through the shared few-seconds cache. A core 404 for the target revokes the
 * monitor's links lazily (reason {@code target_deleted}) before answering 404.
 *
 * <p>A resolved link's embed origins are left on the request for {@link PublicHeadersFilter}, which lets that
 * request's successful answer be framed by them (DESIGN §12); a link that does not resolve leaves nothing.
 */
@ApplicationScoped
public class ShareResolver {

    /** A working link and what the core says about its monitor (possibly stale, or unavailable). */
    public record Resolved(PublicShare share, Fetched<Monitor> monitor) {
    }

    private final PublicShares shares;
    private final ShareService shareService;
    private final PublicData data;
    private final Counter found;
    private final Counter notFound;
    private final CurrentVertxRequest request;

    public ShareResolver(PublicShares shares, ShareService shareService, PublicData data, MeterRegistry metrics,
            CurrentVertxRequest request) {
        this.request = request;
        this.shares = shares;
        this.shareService = shareService;
        this.data = data;
        this.found = metrics.counter("shares.resolved", "outcome", "hit");
        this.notFound = metrics.counter("shares.resolved", "outcome", "not_found");
    }

    /** The live share of a token, from the database only (a step of {@link #resolve}). */
    Uni<PublicShare> share(String token) {
        // A malformed token cannot match (every stored token has this shape): skip the database. The response is the
        // same constant 404 either way.
        if (!Tokens.looksLikeToken(token)) {
            return Uni.createFrom().failure(PublicFailure.NOT_FOUND);
        }
        String hash = Tokens.hash(token);
        return shares.liveByTokenHash(hash)
                .map(s -> s == null ? null
                        : new PublicShare(s.id(), s.org(), s.targetId().toString(), Tokens.logId(hash), s.embedOrigins()))
                .onItem().ifNull().failWith(() -> {
                    Log.debugf("public link %s: no live share", Tokens.logId(hash));
                    return PublicFailure.NOT_FOUND;
                });
    }

    /** The live share and its monitor; deleted or held monitors are the same 404 as a bad token. */
    public Uni<Resolved> resolve(String token) {
        RoutingContext caller = PublicHeadersFilter.currentRequest(request); // the request asking, while it is current
        return resolveCounted(token)
                .invoke(r -> {
                    found.increment();
                    PublicHeadersFilter.allowFraming(caller != null ? caller : PublicHeadersFilter.currentRequest(request),
                            r.share().embedOrigins());
                })
                .onFailure(PublicFailure.class).invoke(() -> notFound.increment());
    }

    private Uni<Resolved> resolveCounted(String token) {
        return share(token).flatMap(share -> data.monitor(share).flatMap(monitor -> {
            if (monitor.available() && monitor.value().target() == null) {
                return revokeGone(share).replaceWith(Uni.createFrom().failure(PublicFailure.NOT_FOUND));
            }
            if (monitor.available() && monitor.value().target().held()) {
                Log.debugf("share %s: target %s is on plan hold", share.id(), share.targetId());
                return Uni.createFrom().failure(PublicFailure.NOT_FOUND);
            }
            return Uni.createFrom().item(new Resolved(share, monitor));
        }));
    }

    /** The core no longer knows the target: revoke every link to it now (a failure only delays it to the reconcile). */
    private Uni<Integer> revokeGone(PublicShare share) {
        return shareService.revokeForDeletedTarget(UUID.fromString(share.targetId()))
                .invoke(n -> Log.infof("share %s: core says target %s is gone; %d link(s) revoked", share.id(),
                        share.targetId(), n))
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("share %s: lazy revoke for gone target %s failed (%s)", share.id(), share.targetId(),
                            failure.getClass().getSimpleName());
                    return 0;
                });
    }
}
