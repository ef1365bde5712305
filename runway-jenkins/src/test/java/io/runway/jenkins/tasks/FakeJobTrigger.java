package io.runway.jenkins.tasks;

import io.runway.core.error.NotFoundException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A job trigger without Jenkins: each build is a pair of futures the test completes. */
final class FakeJobTrigger implements JobTrigger {
    final BlockingQueue<FakeBuild> builds = new LinkedBlockingQueue<>();
    private final Set<String> jobs;

    FakeJobTrigger(String... jobs) {
        this.jobs = Set.of(jobs);
    }

    @Override
    public JobBuild trigger(String job, Map<String, String> parameters) {
        if (!jobs.contains(job)) {
            throw new NotFoundException("job", "no job named '" + job + "'");
        }
        FakeBuild b = new FakeBuild(job, Map.copyOf(parameters), builds.size() + 1);
        builds.add(b);
        return b;
    }

    FakeBuild next() throws InterruptedException {
        FakeBuild b = builds.poll(10, TimeUnit.SECONDS);
        if (b == null) {
            throw new AssertionError("no build was triggered");
        }
        return b;
    }

    static final class FakeBuild implements JobBuild {
        final String job;
        final Map<String, String> parameters;
        final int number;
        final CompletableFuture<String> started = new CompletableFuture<>();
        final CompletableFuture<String> completed = new CompletableFuture<>();
        volatile String abortedFor;

        FakeBuild(String job, Map<String, String> parameters, int number) {
            this.job = job;
            this.parameters = parameters;
            this.number = number;
        }

        void start() {
            started.complete(job + " #" + number);
        }

        void end(String result) {
            completed.complete(result);
        }

        @Override
        public CompletableFuture<String> started() {
            return started;
        }

        @Override
        public CompletableFuture<String> completed() {
            return completed;
        }

        @Override
        public void abort(String reason) {
            abortedFor = reason;
            completed.complete(started.isDone() ? "ABORTED" : "CANCELLED");
        }
    }
}
