package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.uptimepage.shares.stats.ViewStatsRepository;

import java.time.LocalDate;
import java.util.List;

/** {@code GET …/shares/{shareId}/stats}: {@code {"days":[{"date","views","unique_viewers","bot_views"}]}}, oldest first. */
public record ShareStats(List<Day> days) {

    public record Day(LocalDate date, long views, @JsonProperty("unique_viewers") long uniqueViewers,
            @JsonProperty("bot_views") long botViews) {

        static Day of(ViewStatsRepository.Day d) {
            return new Day(d.date(), d.views(), d.uniqueViewers(), d.botViews());
        }
    }
}
