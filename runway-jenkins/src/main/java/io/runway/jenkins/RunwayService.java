package io.runway.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import hudson.model.Run;
import io.runway.core.lease.EngineOptions;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.run.TaskSchedulerOptions;
import io.runway.jenkins.host.CapacityContribution;
import io.runway.jenkins.host.RolloutProviderContribution;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.Owners;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.host.StepDefaults;
import io.runway.jenkins.tasks.JenkinsJobTrigger;
import io.runway.jenkins.tasks.JobTaskLauncher;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;

/**
 * The controller's one Runway: starts the engines once jobs are loaded (so builds that will resume are
 * known), then reconciles — leases and rollouts of builds that did not come back are ended and their
 * resources torn down — and stops them cleanly at shutdown. Threads are Jenkins' {@code Timer}'s.
 */
@Extension
public class RunwayService {
    private static final Logger LOGGER = Logger.getLogger(RunwayService.class.getName());
    private static volatile RunwayService started;

    private RunwayHost host;

    public static RunwayService get() {
        return ExtensionList.lookupSingleton(RunwayService.class);
    }

    static RunwayService getIfStarted() {
        return started;
    }

    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED, displayName = "Starting Runway")
    public static void startAfterJobsLoaded() {
        get().start();
    }

    @Terminator(displayName = "Stopping Runway")
    public static void stopAtShutdown() {
        HostHolder.markShuttingDown();
        RunwayService s = started;
        if (s != null) {
            s.stop();
        }
    }

    synchronized void start() {
        RunwayConfiguration config = RunwayConfiguration.get();
        Path dir = stateDir();
        StepDefaults.set(config.stepDefaults());
        // Pools other than static, and rollouts other than local, are served by what installed plugins
        // contribute (runway-aws: aws-ec2).
        host = RunwayHost.open(dir, config.getStore().open(dir), config.poolsConfig(), Clock.systemUTC(), Timer.get(),
                EngineOptions.DEFAULT, Duration.ofSeconds(1), CapacityContribution.all(),
                RolloutProviderContribution.all());
        // Rollouts are resumed before steps can find the host, so a step following one finds it running.
        List<String> resumed = host.recover();
        HostHolder.set(host);
        started = this;
        startTasks(config);
        List<String> ended = reconcile();
        LOGGER.info(() -> "Runway started in " + dir + ": " + resumed.size() + " rollout(s) resumed, "
                + ended.size() + " lease(s)/rollout(s) of finished builds ended");
    }

    /**
     * The controller's one task scheduler, on the host's store: a graph task's work is a build of its job
     * ({@link JobTaskLauncher}). Graphs that do not read (saved before a validator change) are logged and none run.
     */
    private void startTasks(RunwayConfiguration config) {
        List<TaskGraphSpec> graphs;
        try {
            graphs = config.taskGraphSpecs();
        } catch (RuntimeException e) {
            LOGGER.log(Level.SEVERE, "Runway task graphs are invalid; no graph runs until they are fixed", e);
            graphs = List.of();
        }
        try {
            host.startTasks(graphs, new JobTaskLauncher(HostHolder::getOrNull, new JenkinsJobTrigger(Timer.get()),
                    config.stepDefaults().leaseTtl()), TaskSchedulerOptions.DEFAULTS,
                    (graph, line) -> LOGGER.info(() -> "Runway task graph " + graph + ": " + line));
        } catch (RuntimeException e) {
            // Leases and rollouts keep working; task graphs do not run until the next start.
            LOGGER.log(Level.SEVERE, "Runway's task scheduler could not start", e);
        }
    }

    /** Ends what builds that are no longer running still hold. Also run by {@link RunwayJanitor}. */
    public synchronized List<String> reconcile() {
        if (host == null) {
            return List.of();
        }
        return host.reconcile(RunwayService::buildIsRunning);
    }

    static boolean buildIsRunning(String owner) {
        try {
            Run<?, ?> run = Run.fromExternalizableId(Owners.buildId(owner));
            return run != null && run.isBuilding();
        } catch (RuntimeException e) {
            return true; // unreadable id or no access: never tear down on a doubt
        }
    }

    /** Restarts the engines with the saved configuration; leases and rollouts carry on from the store. */
    synchronized void reload() {
        if (host == null) {
            return;
        }
        stop();
        try {
            start();
        } catch (RuntimeException e) {
            LOGGER.log(Level.SEVERE, "Runway could not start with the new configuration", e);
        }
    }

    /**
     * Restarts the engines if they run: what another plugin's configuration page calls after saving settings
     * its {@link CapacityContribution} or store reads (the runway-aws plugin's EC2 credentials).
     */
    public static void reloadIfStarted() {
        RunwayService s = started;
        if (s != null) {
            s.reload();
        }
    }

    synchronized void stop() {
        if (host == null) {
            return;
        }
        HostHolder.set(null);
        try {
            host.close();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Runway did not stop cleanly", e);
        }
        host = null;
    }

    public synchronized RunwayHost host() {
        return HostHolder.get();
    }

    static Path stateDir() {
        return new File(Jenkins.get().getRootDir(), "runway").toPath();
    }
}
