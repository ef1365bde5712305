package io.runway.jenkins.freestyle;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.model.AbstractProject;
import hudson.model.Executor;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapperDescriptor;
import io.runway.core.label.LabelExpression;
import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.spec.Durations;
import io.runway.jenkins.SafetyRails;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.Owners;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.host.StepDefaults;
import io.runway.jenkins.lease.LeaseEnvironment;
import io.runway.jenkins.lease.LeaseKeeper;
import io.runway.jenkins.lease.LeaseKeepers;
import io.runway.jenkins.steps.BuildRecords;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import jenkins.tasks.SimpleBuildWrapper;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Freestyle "Lease Runway resources": the same lease as the Pipeline step, held for the whole build.
 * A freestyle build already occupies an executor thread, so the wait blocks that thread (no Pipeline to
 * suspend). Renewed every half TTL; a lost lease interrupts the build with FAILURE; released at the end.
 */
public class LeaseBuildWrapper extends SimpleBuildWrapper {
    private String pool;
    private String capability;
    private int count = 1;
    private int priority;
    private String ttl;
    private String wait;
    private String variable;

    @DataBoundConstructor
    public LeaseBuildWrapper() {
    }

    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void setUp(Context context, Run<?, ?> build, TaskListener listener, EnvVars initialEnvironment)
            throws IOException, InterruptedException {
        RunwayHost host = HostHolder.get();
        StepDefaults d = StepDefaults.get();
        Duration ttlD = ttl == null ? d.leaseTtl() : Durations.parse(ttl, "ttl");
        Duration waitD = wait == null ? d.leaseWait() : Durations.parse(wait, "wait");
        SafetyRails.checkShare(pool, count, host.leases().resources(), d.maxPoolSharePercent());
        listener.getLogger().println("[runway] Waiting for " + count + " resource(s)" + (pool == null ? "" : " of pool " + pool));
        var reply = host.leases().acquire(new LeaseRequest(Owners.build(build.getExternalizableId()), pool,
                capability == null ? null : LabelExpression.parse(capability, "capability"), count, ttlD, waitD, priority));
        Grant g;
        try {
            g = reply.get();
        } catch (InterruptedException e) {
            reply.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            throw new AbortException("Runway lease not granted: " + e.getCause().getMessage());
        }
        String id = g.lease().id();
        listener.getLogger().println("[runway] Leased " + String.join(", ", g.lease().resourceIds()) + " (lease " + id + ")");
        BuildRecords.leased(build, g.lease());
        for (Map.Entry<String, String> e : LeaseEnvironment.of(g.lease(), variable).entrySet()) {
            context.env(e.getKey(), e.getValue());
        }
        LeaseKeepers.put(id, LeaseKeeper.keep(() -> HostHolder.get().leases(), id, g.token(), ttlD, g.lease().expiresAt(),
                host.clock(), host.executor(), why -> {
                    listener.getLogger().println("[runway] " + why + "; interrupting the build");
                    Executor executor = build.getExecutor();
                    if (executor != null) {
                        executor.interrupt(Result.FAILURE);
                    }
                }));
        context.setDisposer(new Release(id, g.token()));
    }

    /** Releases the lease when the build's wrapped part ends. */
    static final class Release extends Disposer {
        private static final long serialVersionUID = 1L;
        private final String leaseId;
        private final String token;

        Release(String leaseId, String token) {
            this.leaseId = leaseId;
            this.token = token;
        }

        @Override
        public void tearDown(Run<?, ?> build, TaskListener listener) {
            LeaseKeepers.stop(leaseId);
            RunwayHost host = HostHolder.getOrNull();
            if (host != null) {
                host.leases().release(leaseId, token);
                listener.getLogger().println("[runway] Released lease " + leaseId);
            }
        }
    }

    public String getPool() {
        return pool;
    }

    @DataBoundSetter
    public void setPool(String pool) {
        this.pool = blank(pool);
    }

    public String getCapability() {
        return capability;
    }

    @DataBoundSetter
    public void setCapability(String capability) {
        this.capability = blank(capability);
    }

    public int getCount() {
        return count;
    }

    @DataBoundSetter
    public void setCount(int count) {
        this.count = count; // not clamped: the lease engine refuses a count below 1 naming the field
    }

    public int getPriority() {
        return priority;
    }

    @DataBoundSetter
    public void setPriority(int priority) {
        this.priority = priority;
    }

    public String getTtl() {
        return ttl;
    }

    @DataBoundSetter
    public void setTtl(String ttl) {
        this.ttl = blank(ttl);
    }

    public String getWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(String wait) {
        this.wait = blank(wait);
    }

    public String getVariable() {
        return variable;
    }

    @DataBoundSetter
    public void setVariable(String variable) {
        this.variable = blank(variable);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Extension
    @Symbol("runwayLease")
    public static final class DescriptorImpl extends BuildWrapperDescriptor {
        @Override
        public boolean isApplicable(AbstractProject<?, ?> item) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Lease Runway resources";
        }
    }
}
