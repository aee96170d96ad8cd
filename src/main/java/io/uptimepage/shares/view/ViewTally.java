package io.uptimepage.shares.view;

import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link ViewCounter} buffered for one link and one UTC day since the last flush: human page views, the newest
 * of them, the distinct viewer hashes seen, and link-preview bot fetches. Mutated only inside
 * {@code ConcurrentHashMap.compute} for its key, or after it was removed from the map (then owned by one flush).
 */
final class ViewTally {

    long views;
    long botViews;
    OffsetDateTime lastViewedAt;
    /** Viewer hashes; a ByteBuffer compares by content, a byte[] would not. */
    final Set<ByteBuffer> viewers = new HashSet<>();

    ViewTally view(OffsetDateTime at, byte[] viewer) {
        views++;
        lastViewedAt = lastViewedAt == null || at.isAfter(lastViewedAt) ? at : lastViewedAt;
        if (viewer != null) {
            viewers.add(ByteBuffer.wrap(viewer));
        }
        return this;
    }

    ViewTally bot() {
        botViews++;
        return this;
    }

    /** This tally with {@code other}'s counts added (a failed flush putting its batch back). */
    ViewTally plus(ViewTally other) {
        views += other.views;
        botViews += other.botViews;
        if (other.lastViewedAt != null && (lastViewedAt == null || other.lastViewedAt.isAfter(lastViewedAt))) {
            lastViewedAt = other.lastViewedAt;
        }
        viewers.addAll(other.viewers);
        return this;
    }

    List<byte[]> viewerHashes() {
        return viewers.stream().map(ByteBuffer::array).toList();
    }
}
