package io.runway.jenkins;

import hudson.Extension;
import hudson.model.PeriodicWork;

/**
 * Every minute, ends what finished builds still hold (a build that ended while Runway was reloading, a
 * listener that did not run). Lease expiry itself is the engine's own tick, within a second.
 */
@Extension
public class RunwayJanitor extends PeriodicWork {
    @Override
    public long getRecurrencePeriod() {
        return MIN;
    }

    @Override
    protected void doRun() {
        RunwayService s = RunwayService.getIfStarted();
        if (s != null) {
            s.reconcile();
        }
    }
}
