package io.runway.jenkins.steps;

import hudson.EnvVars;
import java.io.IOException;
import java.util.TreeMap;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * Adds a lease's variables to the environment of its block, after the enclosing blocks' own expander
 * (what {@code EnvironmentExpander.merge} does: inner values win).
 */
final class LeaseExpander extends EnvironmentExpander {
    private static final long serialVersionUID = 1L;

    private final EnvironmentExpander outer;
    private final TreeMap<String, String> values;

    LeaseExpander(EnvironmentExpander outer, TreeMap<String, String> values) {
        this.outer = outer;
        this.values = new TreeMap<>(values);
    }

    @Override
    public void expand(EnvVars env) throws IOException, InterruptedException {
        if (outer != null) {
            outer.expand(env);
        }
        env.putAll(values);
    }
}
