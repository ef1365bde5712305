package io.runway.core.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** When a graph runs by itself, and what happens to runs missed or overlapping. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleSpec(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Jenkins cron text: 5 fields or @daily etc., H hashes the graph name; comments (#) and a first TZ=Zone/Id line allowed.")
        String cron,
        @JsonPropertyDescription("Time zone of the cron fields when the text has no TZ= line. Default UTC.")
        String timezone,
        @JsonPropertyDescription("Instants missed while runway was down: skip (default), runOnce (the latest one) or catchUp (each, up to catchUpLimit).")
        String missedRuns,
        @JsonPropertyDescription("With catchUp: at most this many missed instants run (the latest ones). Default 10, at most 1000.")
        Integer catchUpLimit,
        @JsonPropertyDescription("Runs of this graph active at once; more wait QUEUED. Default 1.")
        Integer maxActiveRuns,
        @JsonPropertyDescription("When true, an instant that fires while a run of this graph is active is SKIPPED instead of queued.")
        Boolean prohibitOverlap) {

    public ScheduleSpec {
        timezone = timezone == null ? "UTC" : timezone;
        missedRuns = missedRuns == null ? MissedRunPolicy.SKIP.specName() : missedRuns;
        catchUpLimit = catchUpLimit == null ? 10 : catchUpLimit;
        maxActiveRuns = maxActiveRuns == null ? 1 : maxActiveRuns;
        prohibitOverlap = prohibitOverlap != null && prohibitOverlap;
    }

    public ScheduleSpec(String cron) {
        this(cron, null, null, null, null, null);
    }

    public MissedRunPolicy missedRunPolicy() {
        return MissedRunPolicy.fromSpec(missedRuns);
    }
}
