package io.runway.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import io.runway.core.error.InvalidInputException;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.spec.Durations;
import io.runway.core.spec.Problem;
import io.runway.core.spec.SpecKind;
import io.runway.core.spec.SpecResult;
import io.runway.core.task.TaskGraphSpec;
import io.runway.jenkins.host.CapacityContribution;
import io.runway.jenkins.host.PoolProviders;
import io.runway.jenkins.host.StepDefaults;
import io.runway.jenkins.tasks.TaskGraphsText;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * Runway's global configuration ({@code Manage Jenkins → System}, and JCasC under {@code unclassified: runway:}).
 * Pools, quotas ({@code quota.perOwner}) and lease limits ({@code limits.maxTtl}, {@code limits.maxWait})
 * are one YAML document in the format of {@code runway serve --config}, checked by the same validator;
 * the rest are step defaults, the share rail and the store. Saving restarts the controller's engines
 * (leases and rollouts carry on from the store).
 */
@Extension
@Symbol("runway")
public class RunwayConfiguration extends GlobalConfiguration {
    private String pools = "";
    private String taskGraphs = "";
    private String defaultTtl = "15m";
    private String defaultWait = "30m";
    private String maxPersonTtl = "8h";
    private int maxPoolSharePercent = 100;
    private StoreChoice store = new EmbeddedStoreChoice();

    public RunwayConfiguration() {
        load();
    }

    public static RunwayConfiguration get() {
        return ExtensionList.lookupSingleton(RunwayConfiguration.class);
    }

    public String getPools() {
        return pools;
    }

    @DataBoundSetter
    public void setPools(String pools) {
        readPools(pools, installedProviders()); // refuse, and keep the old value, when invalid
        this.pools = pools;
        save();
    }

    public String getTaskGraphs() {
        return taskGraphs;
    }

    /** Task graphs run by the controller's scheduler; refused (the old value kept) when any is invalid. */
    @DataBoundSetter
    public void setTaskGraphs(String taskGraphs) {
        TaskGraphsText.read(taskGraphs);
        this.taskGraphs = taskGraphs == null ? "" : taskGraphs;
        save();
    }

    /** The graphs as core reads them (none when blank). */
    public List<TaskGraphSpec> taskGraphSpecs() {
        return TaskGraphsText.read(taskGraphs);
    }

    public String getDefaultTtl() {
        return defaultTtl;
    }

    @DataBoundSetter
    public void setDefaultTtl(String defaultTtl) {
        Durations.parse(defaultTtl, "defaultTtl");
        this.defaultTtl = defaultTtl.strip();
        save();
    }

    public String getDefaultWait() {
        return defaultWait;
    }

    @DataBoundSetter
    public void setDefaultWait(String defaultWait) {
        Durations.parse(defaultWait, "defaultWait");
        this.defaultWait = defaultWait.strip();
        save();
    }

    public String getMaxPersonTtl() {
        return maxPersonTtl;
    }

    @DataBoundSetter
    public void setMaxPersonTtl(String maxPersonTtl) {
        Durations.parse(maxPersonTtl, "maxPersonTtl");
        this.maxPersonTtl = maxPersonTtl.strip();
        save();
    }

    public int getMaxPoolSharePercent() {
        return maxPoolSharePercent;
    }

    @DataBoundSetter
    public void setMaxPoolSharePercent(int maxPoolSharePercent) {
        if (maxPoolSharePercent < 1 || maxPoolSharePercent > 100) {
            throw new InvalidInputException("maxPoolSharePercent", "maxPoolSharePercent must be between 1 and 100");
        }
        this.maxPoolSharePercent = maxPoolSharePercent;
        save();
    }

    public StoreChoice getStore() {
        return store;
    }

    @DataBoundSetter
    public void setStore(StoreChoice store) {
        this.store = store == null ? new EmbeddedStoreChoice() : store;
        save();
    }

    /** The pools as core reads them; problems as {@code FILE:LINE:COL: field.path: message} lines. */
    public PoolsConfig poolsConfig() {
        return readPools(pools);
    }

    /**
     * As {@link #readPools(String)}, and every pool's provider is {@code available} ({@code static}, or one an
     * installed plugin contributes); otherwise refused with a line per pool naming the plugin to install.
     */
    static PoolsConfig readPools(String text, Set<String> available) {
        PoolsConfig config = readPools(text);
        PoolProviders.refuseUnserved(config, available);
        return config;
    }

    private static Set<String> installedProviders() {
        return PoolProviders.available(CapacityContribution.all());
    }

    /** Blank means no pools (rollouts only); otherwise a pools document that core's validator accepts. */
    static PoolsConfig readPools(String text) {
        if (text == null || text.isBlank()) {
            return new PoolsConfig(java.util.List.of(), null);
        }
        SpecResult<PoolsConfig> result = SpecKind.POOLS.reader().read("runway pools", text);
        if (!result.isValid()) {
            throw new InvalidInputException("pools", result.problems().stream().map(Problem::toString)
                    .collect(Collectors.joining("\n")));
        }
        return result.value();
    }

    public StepDefaults stepDefaults() {
        return new StepDefaults(Durations.parse(defaultTtl, "defaultTtl"), Durations.parse(defaultWait, "defaultWait"),
                maxPoolSharePercent);
    }

    public Duration maxPersonTtlDuration() {
        return Durations.parse(maxPersonTtl, "maxPersonTtl");
    }

    @RequirePOST
    public FormValidation doCheckPools(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            readPools(value, installedProviders());
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @RequirePOST
    public FormValidation doCheckTaskGraphs(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkTaskGraphs(value);
    }

    /** Ok, or an error with one {@code runway task graphs:LINE:COL: field.path: message} line per problem. */
    static FormValidation checkTaskGraphs(String value) {
        try {
            TaskGraphsText.read(value);
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @RequirePOST
    public FormValidation doCheckDefaultTtl(@QueryParameter String value) {
        return checkDuration(value, "defaultTtl");
    }

    @RequirePOST
    public FormValidation doCheckDefaultWait(@QueryParameter String value) {
        return checkDuration(value, "defaultWait");
    }

    private static FormValidation checkDuration(String value, String field) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            Durations.parse(value, field);
            return FormValidation.ok();
        } catch (InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @Override
    public synchronized void save() {
        if (hudson.BulkChange.contains(this)) {
            return; // JCasC and the form bind every field first; the commit saves (and reloads) once
        }
        super.save();
        RunwayService service = RunwayService.getIfStarted();
        if (service != null) {
            service.reload();
        }
    }
}
