package io.runway.jenkins.steps;

import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Base of Runway's step executions: keeps its own (serialized) reference to the step's context. Jenkins'
 * {@code StepExecution} keeps one too; using ours means the executions' logic runs unchanged in unit tests
 * that compile against the behaviour-free API stubs, where inherited methods do nothing real.
 */
abstract class RunwayStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    private final StepContext context;

    RunwayStepExecution(StepContext context) {
        super(context);
        this.context = context;
    }

    final StepContext context() {
        return context;
    }
}
