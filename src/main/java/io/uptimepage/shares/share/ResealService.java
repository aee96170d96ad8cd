package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.uptimepage.shares.crypto.KeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves every sealed token to the current primary key (key rotation): rows sealed under a previous key, in the
 * core's {@code v1} format, or stored in plaintext before a KEK existed. Pages through the table in id order, one
 * transaction per page. A row no configured key can open is left as it is and counted (its link still works; it
 * just cannot be re-copied).
 */
@ApplicationScoped
public class ResealService {

    static final int PAGE = 500;

    /** What a re-seal run did. */
    @Schema(name = "ResealReport", additionalProperties = Schema.False.class)
    public record Report(long examined, long resealed, long unopenable, @JsonProperty("primary_key_id") String primaryKeyId) {
    }

    private final ShareRepository shares;
    private final KeyRing keys;

    public ResealService(ShareRepository shares, KeyRing keys) {
        this.shares = shares;
        this.keys = keys;
    }

    public Uni<Report> resealAll() {
        if (!keys.hasPrimary()) {
            return Uni.createFrom().item(new Report(0, 0, 0, null));
        }
        return page(null, new long[3])
                .map(c -> new Report(c[0], c[1], c[2], keys.primaryKeyId().orElse(null)))
                .invoke(r -> Log.infof("re-seal: %d rows examined, %d re-sealed, %d unopenable (primary key %s)",
                        r.examined(), r.resealed(), r.unopenable(), r.primaryKeyId()));
    }

    private Uni<long[]> page(UUID after, long[] counts) {
        return Panache.withTransaction(() -> shares.pageAfter(after, PAGE).map(rows -> {
            for (Share s : rows) {
                counts[0]++;
                if (!keys.needsReseal(s.tokenSealed)) {
                    continue;
                }
                Optional<String> token = keys.open(s.tokenSealed, s.id);
                if (token.isPresent()) {
                    s.tokenSealed = keys.seal(token.get(), s.id);
                    counts[1]++;
                } else {
                    counts[2]++;
                }
            }
            return rows;
        })).flatMap(rows -> rows.size() < PAGE ? Uni.createFrom().item(counts) : page(last(rows), counts));
    }

    private static UUID last(List<Share> rows) {
        return rows.get(rows.size() - 1).id;
    }
}
