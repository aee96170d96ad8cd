package io.uptimepage.shares.share;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.uptimepage.shares.stats.ViewStatsRepository;

import java.time.LocalDate;
import java.util.List;

/** {@code GET …/shares/{shareId}/stats}: {@code {"days":[{"date","views","unique_viewers","bot_views"}]}}, oldest first. */
@Schema(name = "ShareStats", requiredProperties = "days", additionalProperties = Schema.False.class)
public record ShareStats(List<Day> days) {

    @Schema(name = "ShareStatsDay", requiredProperties = { "date", "views", "unique_viewers", "bot_views" },
            additionalProperties = Schema.False.class)
    public record Day(@Schema(description = "a UTC day") LocalDate date,
            @Schema(minimum = "0", description = "page views by people") long views,
            @JsonProperty("unique_viewers") @Schema(minimum = "0") long uniqueViewers,
            @JsonProperty("bot_views") @Schema(minimum = "0", description = "link-preview fetches (Slackbot…)")
            long botViews) {

        static Day of(ViewStatsRepository.Day d) {
            return new Day(d.date(), d.views(), d.uniqueViewers(), d.botViews());
        }
    }
}
