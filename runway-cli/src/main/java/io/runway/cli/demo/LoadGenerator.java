package io.runway.cli.demo;

import io.runway.core.error.InvalidInputException;
import io.runway.core.spec.Durations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop HTTP load against one loopback URL: requests leave at the target rate whether or not earlier
 * ones were answered, up to a bound on requests in flight (beyond it a due request is counted as dropped).
 * Each request carries one of {@code userKeys} user keys in {@code userHeader}, so sticky routing can be
 * exercised, and an {@code X-Request-Id}. Answers are grouped by their {@code X-Runway-Version} header.
 */
public final class LoadGenerator {
    private static final Duration TICK = Duration.ofMillis(2);

    /**
     * @param maxRequests stop after this many requests are due (sent or dropped), or when the duration ends
     */
    public record Options(URI url, double ratePerSecond, Duration duration, long maxRequests, int userKeys,
                          String userHeader, int maxInFlight, Duration requestTimeout) {
        public Options {
            url = LoopbackTarget.check(url);
            if (!(ratePerSecond > 0 && ratePerSecond <= 100_000)) {
                throw new InvalidInputException("rate", "must be more than 0 and at most 100000 per second");
            }
            if (duration == null || duration.isZero() || duration.compareTo(Duration.ofHours(24)) > 0) {
                throw new InvalidInputException("duration", "must be more than 0s and at most 24h");
            }
            if (maxRequests < 1 || maxRequests > 100_000_000) {
                throw new InvalidInputException("requests", "must be between 1 and 100000000");
            }
            if (userKeys < 1 || userKeys > 1_000_000) {
                throw new InvalidInputException("users", "must be between 1 and 1000000");
            }
            if (userHeader == null || !userHeader.matches("[A-Za-z][A-Za-z0-9-]{0,63}")) {
                throw new InvalidInputException("userHeader", "must be a header name such as X-User");
            }
            if (maxInFlight < 1 || maxInFlight > 10_000) {
                throw new InvalidInputException("inFlight", "must be between 1 and 10000");
            }
            Objects.requireNonNull(requestTimeout, "requestTimeout");
        }

        /** 200 req/s for 10s against {@code url}, 100 users in X-User, 64 in flight, 5s per request. */
        public static Options defaults(URI url) {
            return new Options(url, 200, Duration.ofSeconds(10), 100_000_000, 100, "X-User", 64, Duration.ofSeconds(5));
        }
    }

    private final Options options;
    private final HttpClient client;

    public LoadGenerator(Options options, HttpClient client) {
        this.options = Objects.requireNonNull(options, "options");
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Runs on the caller's scheduler; completes once every sent request has been answered or has failed. */
    public CompletableFuture<LoadReport> run(ScheduledExecutorService scheduler) {
        return new Run(scheduler).start();
    }

    private final class Run {
        private final ScheduledExecutorService scheduler;
        private final OpenLoopSchedule schedule =
                new OpenLoopSchedule(options.ratePerSecond(), options.duration(), options.maxRequests());
        private final OutcomeRecorder recorder = new OutcomeRecorder();
        private final CompletableFuture<LoadReport> result = new CompletableFuture<>();
        private final long startNanos = System.nanoTime();
        private long issued;
        private long sent;
        private long dropped;
        private int inFlight;
        private boolean stopped;
        private ScheduledFuture<?> ticker;

        Run(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
        }

        CompletableFuture<LoadReport> start() {
            synchronized (this) {
                ticker = scheduler.scheduleAtFixedRate(this::tick, 0, TICK.toNanos(), TimeUnit.NANOSECONDS);
            }
            return result;
        }

        private synchronized void tick() {
            if (stopped) {
                return;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            long due = schedule.dueBy(elapsed);
            while (issued < due) {
                if (inFlight < options.maxInFlight()) {
                    send(issued);
                } else {
                    dropped++;
                }
                issued++;
            }
            if (issued >= options.maxRequests() || schedule.isOver(elapsed)) {
                stopped = true;
                ticker.cancel(false);
                finishIfIdle();
            }
        }

        private void send(long index) {
            sent++;
            inFlight++;
            HttpRequest request = HttpRequest.newBuilder(options.url()).timeout(options.requestTimeout()).GET()
                    .header(options.userHeader(), "user-" + (index % options.userKeys()))
                    .header("X-Request-Id", "load-" + startNanos + "-" + index)
                    .build();
            long sentAt = System.nanoTime();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                long latency = System.nanoTime() - sentAt;
                if (failure == null) {
                    recorder.answered(response.headers().firstValue("X-Runway-Version").orElse(null),
                            response.statusCode(), latency);
                } else {
                    recorder.failed(latency);
                }
                answered();
            });
        }

        private synchronized void answered() {
            inFlight--;
            finishIfIdle();
        }

        private void finishIfIdle() {
            if (stopped && inFlight == 0) {
                result.complete(recorder.report(sent, dropped));
            }
        }
    }

    /** {@code --url U [--rate R] [--duration D] [--requests N] [--users K] [--user-header H] [--in-flight M]}. */
    public static void main(String[] args) {
        Map<String, String> values = new HashMap<>();
        List<String> list = List.of(args);
        for (int i = 0; i + 1 < list.size(); i += 2) {
            values.put(list.get(i), list.get(i + 1));
        }
        if (!values.containsKey("--url") || list.size() % 2 != 0) {
            System.err.println("usage: LoadGenerator --url http://127.0.0.1:PORT/ [--rate 200] [--duration 10s]"
                    + " [--requests N] [--users 100] [--user-header X-User] [--in-flight 64]");
            System.exit(2);
        }
        Options options = new Options(URI.create(values.get("--url")),
                Double.parseDouble(values.getOrDefault("--rate", "200")),
                Durations.parse(values.getOrDefault("--duration", "10s"), "--duration"),
                Long.parseLong(values.getOrDefault("--requests", "100000000")),
                Integer.parseInt(values.getOrDefault("--users", "100")),
                values.getOrDefault("--user-header", "X-User"),
                Integer.parseInt(values.getOrDefault("--in-flight", "64")), Duration.ofSeconds(5));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try {
            HttpClient client = HttpClient.newBuilder().executor(scheduler).proxy(HttpClient.Builder.NO_PROXY).build();
            System.out.print(new LoadGenerator(options, client).run(scheduler).join().describe());
        } finally {
            scheduler.shutdownNow();
        }
    }
}
