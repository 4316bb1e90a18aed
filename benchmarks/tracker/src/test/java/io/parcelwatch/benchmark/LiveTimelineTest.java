package io.parcelwatch.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveTimelineTest {
    private static final long S = 1_000_000_000L;

    private static LiveConditions.Reading at(long second, long behind, long trackerBusyMs, long esMergeMs, long esCpuMs) {
        return new LiveConditions.Reading(second * S, behind, trackerBusyMs, 0, 0, 0, 0, esMergeMs, 0, 0, esCpuMs, 0, 0);
    }

    @Test
    void eachStepShowsItsScansBesideWhatRanThen() {
        List<LiveConditions.Reading> readings = List.of(
                at(90, 0, 0, 0, 0),                    // before the first record: no line
                at(95, 0, 0, 0, 0),
                at(100, 0, 0, 0, 0),
                at(105, 1_000, 5_000, 0, 2_500),      // tracker half busy over two subtasks, ES at half a core
                at(110, 8_000, 15_000, 7_500, 12_500)); // tracker fully busy, ES merging on 1.5 cores, 2 cores of CPU
        List<LiveTimeline.Visible> visible = List.of(
                new LiveTimeline.Visible(101 * S, 400), new LiveTimeline.Visible(102 * S, 600), new LiveTimeline.Visible(104 * S, 900),
                new LiveTimeline.Visible(106 * S, 5_000));
        List<LiveTimeline.Checkpoint> checkpoints = List.of(new LiveTimeline.Checkpoint(7, 107 * S, 3_200, "COMPLETED"),
                new LiveTimeline.Checkpoint(8, 112 * S, 0, "IN_PROGRESS"));

        List<String> lines = LiveTimeline.render(99 * S, readings, visible, checkpoints, 2, 1);

        assertThat(lines).hasSize(5); // header, three steps, legend
        assertThat(lines.get(1).trim().split("\\s+")).as("the step the first record came in")
                .startsWith("-4", "0", "-", "-", "0", "0.00/0.00");
        lines = lines.subList(1, lines.size());
        assertThat(lines.get(1).trim().split("\\s+")).startsWith("1", "3", "0.60", "0.90", "1,000", "0.50/0.00");
        assertThat(lines.get(1)).doesNotContain("7: ");
        assertThat(lines.get(2).trim().split("\\s+")).startsWith("6", "1", "5.00", "5.00", "8,000", "1.00/0.00");
        assertThat(lines.get(2)).contains(" 1.50 ").contains(" 2.00 ").endsWith("7: 3200");
    }

    @Test
    void unreadableCountersShowAsUnknownRatherThanAsFigures() {
        List<LiveConditions.Reading> readings = List.of(at(0, -1, -1, -1, -1), at(5, -1, -1, -1, -1));

        List<String> lines = LiveTimeline.render(0, readings, List.of(), List.of(), 1, 1);

        assertThat(lines.get(1).trim().split("\\s+")).startsWith("0", "0", "-", "-", "?", "?/0.00");
    }

    @Test
    void checkpointTimesComeFromFlinksHistoryInNanoTime() throws Exception {
        var overview = new ObjectMapper().readTree("""
                {"history": [{"id": 9, "status": "COMPLETED", "trigger_timestamp": 1000500, "end_to_end_duration": 812},
                             {"id": 8, "status": "FAILED", "trigger_timestamp": 990000, "end_to_end_duration": 0}]}""");

        List<LiveTimeline.Checkpoint> checkpoints = LiveTimeline.checkpoints(overview, 1_001_000, 50 * S);

        assertThat(checkpoints).containsExactly(
                new LiveTimeline.Checkpoint(8, 50 * S - 11_000_000_000L, 0, "FAILED"),
                new LiveTimeline.Checkpoint(9, 50 * S - 500_000_000L, 812, "COMPLETED"));
    }
}
