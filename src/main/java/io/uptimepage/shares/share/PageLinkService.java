package io.uptimepage.shares.share;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.core.CoreClient;
import io.uptimepage.shares.crypto.KeyRing;
import io.uptimepage.shares.crypto.Tokens;
import io.uptimepage.shares.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A status page's detail link to a monitor (DESIGN §11): one live page-owned link per (org, monitor, page slug).
 * Page-owned links are exempt from the plan caps, so no cap is checked; the per-org lock still serialises the
 * look-up and the insert, so two concurrent calls for the same page get the same link.
 */
@ApplicationScoped
public class PageLinkService {

    private static final Pattern ORG_SLUG = Pattern.compile("(?!.*--)[a-z][a-z0-9-]{2,29}");
    private static final Pattern PAGE_SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    /** The page's link and whether this call minted it. */
    public record Result(ShareResponse share, boolean created) {
    }

    private final ShareRepository shares;
    private final CoreClient core;
    private final KeyRing keys;

    public PageLinkService(ShareRepository shares, CoreClient core, KeyRing keys) {
        this.shares = shares;
        this.core = core;
        this.keys = keys;
    }

    public Uni<Result> linkFor(String rawTargetId, PageLinkRequest request, String baseUrl) {
        PageLinkRequest body = request == null ? new PageLinkRequest() : request;
        String org;
        Share.PageRef page;
        String label;
        UUID targetId = ShareService.uuidOrNull(rawTargetId);
        try {
            if (!body.unknownKeys.isEmpty()) {
                String key = body.unknownKeys.get(0);
                throw new ApiException(422, "INVALID_JSON", "unknown field `" + key + "`", key, null);
            }
            org = org(body);
            page = page(body);
            label = Labels.fromJson(body.label);
            if (targetId == null) {
                throw ApiException.targetNotFound();
            }
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        OffsetDateTime now = ShareService.now();
        return core.target(org, targetId.toString())
                .flatMap(t -> t == null || t.held() ? Uni.createFrom().failure(ApiException.targetNotFound())
                        : Panache.withTransaction(() -> shares.lockOrg(org)
                                .flatMap(v -> shares.listForTarget(org, targetId, false))
                                .flatMap(live -> existingOrMint(live, org, targetId, page, label, now))))
                .map(r -> new Result(ShareResponse.from(r.share, keys.open(r.share.tokenSealed, r.share.id).orElse(null),
                        baseUrl, now), r.created));
    }

    private record Outcome(Share share, boolean created) {
    }

    private Uni<Outcome> existingOrMint(List<Share> live, String org, UUID targetId, Share.PageRef page, String label,
            OffsetDateTime now) {
        for (Share s : live) {
            if (s.usedByPages.stream().anyMatch(p -> p.slug().equals(page.slug()))) {
                return Uni.createFrom().item(new Outcome(s, false));
            }
        }
        Share s = Share.newLink(Tokens.generate(), keys, org, targetId, label, null, now);
        s.usedByPages = List.of(page);
        return shares.persistCreated(s)
                .invoke(() -> Log.infof("share %s minted on target %s for status page %s", s.id, targetId, page.slug()))
                .replaceWith(new Outcome(s, true));
    }

    private static String org(PageLinkRequest body) {
        if (body.org == null || !body.org.isTextual() || !ORG_SLUG.matcher(body.org.asText()).matches()) {
            throw ApiException.badRequest("INVALID_JSON", "org must be an org slug", "org");
        }
        return body.org.asText();
    }

    private static Share.PageRef page(PageLinkRequest body) {
        if (body.page == null || !body.page.isObject()) {
            throw ApiException.badRequest("INVALID_JSON", "page must be {name, slug}", "page");
        }
        var name = body.page.get("name");
        var slug = body.page.get("slug");
        if (name == null || !name.isTextual() || name.asText().isBlank() || name.asText().length() > 200
                || ImportLineParser.hasForbiddenChar(name.asText())) {
            throw ApiException.badRequest("INVALID_JSON", "page.name must be a page name", "page.name");
        }
        if (slug == null || !slug.isTextual() || !PAGE_SLUG.matcher(slug.asText()).matches()) {
            throw ApiException.badRequest("INVALID_JSON", "page.slug must be a page slug", "page.slug");
        }
        return new Share.PageRef(name.asText(), slug.asText());
    }
}
