package io.runway.core.deploy.local;

import java.util.List;

/**
 * What {@link LocalDeployer#recover()} found in the store.
 *
 * @param adopted ready deployments whose process still runs; managed again as if never lost
 * @param stopped deployments that were still starting or stopping (never acknowledged, or already on their
 *     way out): their processes were stopped and their records removed
 * @param cleaned records whose process was already gone (or whose pid now belongs to another process), removed
 * @param unreadable records that could not be parsed; left in the store untouched
 */
public record RecoveryReport(List<String> adopted, List<String> stopped, List<String> cleaned, List<String> unreadable) {
    public RecoveryReport {
        adopted = List.copyOf(adopted);
        stopped = List.copyOf(stopped);
        cleaned = List.copyOf(cleaned);
        unreadable = List.copyOf(unreadable);
    }
}
