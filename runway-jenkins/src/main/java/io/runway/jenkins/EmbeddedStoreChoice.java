package io.runway.jenkins;

import hudson.Extension;
import hudson.model.Descriptor;
import io.runway.core.store.StateStore;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.nio.file.Path;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** The embedded, crash-safe store in {@code $JENKINS_HOME/runway/store}: one controller, no service to run. */
public class EmbeddedStoreChoice extends StoreChoice {
    @DataBoundConstructor
    public EmbeddedStoreChoice() {
    }

    @Override
    public StateStore open(Path stateDir) {
        return EmbeddedStateStore.open(stateDir.resolve("store"));
    }

    @Extension
    @Symbol("embedded")
    public static final class DescriptorImpl extends Descriptor<StoreChoice> {
        @Override
        public String getDisplayName() {
            return "Embedded (in JENKINS_HOME)";
        }
    }
}
