package io.runway.jenkins.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * What every Runway step's descriptor says the same way: it needs the build and its log, and whether it
 * takes a block. Each step still has its own nested {@code DescriptorImpl}, because {@code @Extension}
 * and {@code @Symbol} belong on the concrete class.
 */
public abstract class RunwayStepDescriptor extends StepDescriptor {
    private final String functionName;
    private final String displayName;
    private final boolean takesBlock;

    protected RunwayStepDescriptor(String functionName, String displayName, boolean takesBlock) {
        this.functionName = functionName;
        this.displayName = displayName;
        this.takesBlock = takesBlock;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }

    @Override
    public boolean takesImplicitBlockArgument() {
        return takesBlock;
    }
}
