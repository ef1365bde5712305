package io.runway.jenkins.steps;

import hudson.AbortException;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.RunwayException;
import io.runway.core.rollout.RolloutState;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.rollout.RolloutResults;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * {@code rolloutPromote} and {@code rolloutAbort}: hands the command to the rollout and returns the
 * rollout's state once the command is on record. Commands are idempotent, so after a restart
 * {@link #onResume} simply gives the command again.
 */
public class RolloutCommandExecution extends RunwayStepExecution {
    private static final long serialVersionUID = 1L;

    /** The two commands a person or a build may give a running rollout. */
    enum Command { PROMOTE, ABORT }

    private final Command command;
    private final String id;
    private final String service;
    private String owner;

    RolloutCommandExecution(Command command, String id, String service, StepContext context) {
        super(context);
        if ((id == null) == (service == null)) {
            throw new io.runway.core.error.InvalidInputException("id", "give the rollout's id: (or its service:), exactly one");
        }
        this.command = command;
        this.id = id;
        this.service = service;
    }

    @Override
    public boolean start() throws Exception {
        owner = StepOwners.of(context());
        send();
        return false;
    }

    private void send() {
        try {
            RunwayHost host = HostHolder.get();
            String target = id != null ? id : runningRolloutOf(host, service);
            String by = "jenkins (" + owner + ")";
            StepLog.println(context(), (command == Command.PROMOTE ? "Promoting" : "Aborting") + " rollout " + target);
            (command == Command.PROMOTE ? host.rollouts().promote(target, by) : host.rollouts().abort(target, by))
                    .whenComplete(this::done);
        } catch (RunwayException e) {
            context().onFailure(new AbortException(e.getMessage()));
        }
    }

    static String runningRolloutOf(RunwayHost host, String service) {
        return host.rollouts().list().stream()
                .filter(s -> s.spec().service().equals(service) && !s.phase().isTerminal())
                .map(RolloutState::id).findFirst()
                .orElseThrow(() -> new NotFoundException("service", "no running rollout of service " + service));
    }

    private void done(RolloutState state, Throwable error) {
        if (error != null) {
            context().onFailure(new AbortException("Rollout " + command.name().toLowerCase(java.util.Locale.ROOT)
                    + " failed: " + LeaseStepExecution.message(error)));
        } else {
            context().onSuccess(RolloutResults.of(state));
        }
    }

    @Override
    public void onResume() {
        send();
    }
}
