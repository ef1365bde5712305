package io.runway.jenkins;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;
import io.runway.core.store.StateStore;
import java.nio.file.Path;

/**
 * Where the controller's Runway state lives. The embedded store ({@link EmbeddedStoreChoice}) is the
 * default; another plugin (runway-aws: DynamoDB, for several controllers sharing pools) adds its own
 * choice as an extension, and it shows up in the configuration page and in JCasC.
 */
public abstract class StoreChoice extends AbstractDescribableImpl<StoreChoice> implements ExtensionPoint {
    /** Opens the store; {@code stateDir} is {@code $JENKINS_HOME/runway}. */
    public abstract StateStore open(Path stateDir);
}
