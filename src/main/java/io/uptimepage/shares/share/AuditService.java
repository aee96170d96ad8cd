package io.uptimepage.shares.share;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.auth.Caller;
import io.uptimepage.shares.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/v1/shares/audit}: the caller's org's audit trail, newest first, keyset-paged on the row id. */
@ApplicationScoped
public class AuditService {

    private final ObjectMapper json;

    public AuditService(ObjectMapper json) {
        this.json = json;
    }

    public Uni<AuditEntry.Page> list(Caller caller, String rawTargetId, String rawShareId, String rawLimit, String cursor) {
        UUID targetId;
        UUID shareId;
        int limit;
        Long after;
        try {
            targetId = QueryParams.uuid(rawTargetId, "target_id");
            shareId = QueryParams.uuid(rawShareId, "share_id");
            limit = PageCursor.limit(rawLimit);
            after = cursor == null ? null : PageCursor.audit(cursor);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        String hql = "from ShareAudit a where a.org = :org" + (targetId != null ? " and a.targetId = :target" : "")
                + (shareId != null ? " and a.shareId = :share" : "") + (after != null ? " and a.id < :after" : "")
                + " order by a.id desc";
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> {
            var q = session.createSelectionQuery(hql, ShareAudit.class).setParameter("org", caller.org());
            if (targetId != null) {
                q.setParameter("target", targetId);
            }
            if (shareId != null) {
                q.setParameter("share", shareId);
            }
            if (after != null) {
                q.setParameter("after", after);
            }
            return q.setMaxResults(limit + 1).getResultList();
        })).map(rows -> {
            List<ShareAudit> page = rows.size() > limit ? rows.subList(0, limit) : rows;
            String next = rows.size() > limit ? PageCursor.ofAudit(page.get(page.size() - 1).id) : null;
            return new AuditEntry.Page(page.stream().map(this::entry).toList(), next);
        });
    }

    private AuditEntry entry(ShareAudit a) {
        return new AuditEntry(a.at == null ? null : a.at.withOffsetSameInstant(ZoneOffset.UTC), a.action, a.actor,
                a.shareId, a.targetId, a.reason, details(a.details));
    }

    private JsonNode details(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(stored); // written by this service as JSON; never expected
        }
    }
}
