package io.runway.jenkins;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.Owners;
import io.runway.jenkins.host.RunwayHost;
import java.util.List;

/**
 * The safety net at a build's end (and deletion): whatever the build still holds is torn down — leases
 * revoked, unfinished rollouts rolled back. Normally the steps have ended everything already.
 */
@Extension
public class RunwayRunListener extends RunListener<Run<?, ?>> {
    @Override
    public void onCompleted(Run<?, ?> run, TaskListener listener) {
        List<String> ended = teardown(run);
        if (!ended.isEmpty()) {
            listener.getLogger().println("[runway] Build ended: tore down " + String.join(", ", ended));
        }
    }

    @Override
    public void onDeleted(Run<?, ?> run) {
        teardown(run);
    }

    private static List<String> teardown(Run<?, ?> run) {
        RunwayHost host = HostHolder.getOrNull();
        return host == null ? List.of() : host.teardown(Owners.build(run.getExternalizableId()));
    }
}
