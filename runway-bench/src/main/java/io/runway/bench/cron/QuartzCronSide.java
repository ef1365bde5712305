package io.runway.bench.cron;

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz 2.5.2 as documented for an in-memory scheduler: RAMJobStore, SimpleThreadPool, one durable job
 * shared by every cron trigger (lighter for Quartz than one job per trigger). A fire is the job's
 * {@code execute} on a pool thread.
 */
final class QuartzCronSide {
    static volatile FireRecorder recorder;

    /** The job every trigger runs: records its fire by the trigger's index. */
    public static final class RecordingJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            String name = context.getTrigger().getKey().getName();
            recorder.fired(Integer.parseInt(name, name.indexOf('-') + 1, name.length(), 10));
        }
    }

    final Scheduler scheduler;
    final JobDetail job;

    QuartzCronSide(String instance, int threads) throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", instance);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        // Let one acquisition take up to a pool's worth of due triggers (the default is 1 per round).
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(threads));
        scheduler = new StdSchedulerFactory(p).getScheduler();
        job = JobBuilder.newJob(RecordingJob.class).withIdentity("record").storeDurably().build();
        scheduler.addJob(job, false);
    }

    /** Adds one cron trigger per schedule; names are made here so their strings count in the retained heap. */
    void add(List<CronWorkload.Schedule> workload) throws SchedulerException {
        TimeZone utc = TimeZone.getTimeZone("UTC");
        for (int i = 0; i < workload.size(); i++) {
            Trigger t = TriggerBuilder.newTrigger().withIdentity("graph-" + i).forJob(job)
                    .withSchedule(CronScheduleBuilder.cronSchedule(workload.get(i).quartz()).inTimeZone(utc)).build();
            scheduler.scheduleJob(t);
        }
    }

    FireRecorder dispatch(int n, Instant due, long timeoutSeconds) throws Exception {
        FireRecorder rec = new FireRecorder(n, due);
        recorder = rec;
        scheduler.start();
        rec.await(timeoutSeconds);
        return rec;
    }

    void shutdown() throws SchedulerException {
        scheduler.shutdown(false);
    }
}
