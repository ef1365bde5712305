package io.runway.core.rollout.control;

import io.runway.core.deploy.Deployer;
import io.runway.core.error.ConflictException;
import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.RunwayException;
import io.runway.core.fingerprint.ArtifactDigest;
import io.runway.core.fingerprint.Fingerprint;
import io.runway.core.fingerprint.FingerprintLog;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.spec.FingerprintSpec;
import java.time.Instant;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.store.DocumentRecord;
import io.runway.core.store.StateStore;
import io.runway.core.traffic.TrafficRouter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The rollouts of one runway host: starts them, finds them again after a restart (resuming or rolling
 * back as each spec says), and answers promote and abort. One rollout per service at a time.
 */
public final class RolloutService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StateStore store;
    private final RolloutBackends backends;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final RolloutController.Listener listener;
    private final Duration tick;
    private final Map<String, RolloutController> controllers = new ConcurrentHashMap<>();
    private final FingerprintLog fingerprints;

    /** Runs the specs of {@code provider} (e.g. {@code local}) on one deployer and router; refuses others. */
    public RolloutService(StateStore store, String provider, Deployer deployer, TrafficRouter router, Clock clock,
                          ScheduledExecutorService executor, RolloutController.Listener listener, Duration tick) {
        this(store, RolloutBackends.single(provider, deployer, router), clock, executor, listener, tick);
    }

    /** With the deployer and router of each rollout chosen by {@code backends} (e.g. by the spec's provider). */
    public RolloutService(StateStore store, RolloutBackends backends, Clock clock,
                          ScheduledExecutorService executor, RolloutController.Listener listener, Duration tick) {
        this.store = store;
        this.backends = backends;
        this.clock = clock;
        this.executor = executor;
        this.listener = listener;
        this.tick = tick;
        this.fingerprints = new FingerprintLog(store, clock);
    }

    /**
     * Picks up every rollout the store holds that is not finished: per its spec's {@code onRestart}, it
     * resumes from the stored step or is aborted (rolled back) by {@code runway}. Then removes deployments
     * no live rollout owns (what a crash left behind).
     */
    public List<RolloutController> recover() {
        List<RolloutController> resumed = new ArrayList<>();
        java.util.Set<String> winners = new java.util.HashSet<>();
        for (DocumentRecord doc : store.load().documents(RolloutDocuments.KIND).values()) {
            RolloutState stored = RolloutDocuments.read(doc);
            if (stored.isFinished()) {
                if (stored.phase().isSuccessful()) {
                    winners.add(stored.id()); // its new version keeps serving after the rollout ended
                }
                continue;
            }
            RolloutBackends.Backend b;
            try {
                b = backends.backend(stored.spec());
            } catch (RunwayException e) {
                // e.g. its provider's plugin was removed: left as stored (and unswept) until a host serves it
                winners.add(stored.id());
                listener.progress(stored, "not resumed: " + e.getMessage());
                continue;
            }
            RolloutController c;
            try {
                c = RolloutController.resume(stored, doc.version(), store, b.deployer(), b.router(), clock, listener);
            } catch (RunwayException e) {
                // e.g. a cohort regex an older runway accepted and RE2 refuses: this rollout is left as stored
                // (its versions unswept) for a person, and the host still starts and resumes the others.
                winners.add(stored.id());
                listener.progress(stored, "not resumed: " + e.getMessage());
                continue;
            }
            controllers.put(stored.id(), c);
            if ("rollback".equals(stored.spec().onRestart())) {
                c.abort("runway (restarted mid-rollout; onRestart: rollback)");
            }
            c.start(executor, tick);
            resumed.add(c);
        }
        backends.sweep(owner -> controllers.containsKey(owner) || winners.contains(owner)).join();
        return resumed;
    }

    /** Starts a rollout; refused while another rollout of the same service is running. */
    public RolloutController start(RolloutSpec spec) {
        return start(spec, () -> { });
    }

    /**
     * Starts a rollout, running {@code beforeRecord} once every check has passed but before anything is
     * recorded (e.g. opening the router's listener): when either refuses, nothing of the rollout is stored.
     */
    public RolloutController start(RolloutSpec spec, Runnable beforeRecord) {
        String id = String.format("r-%013d-%04x", clock.millis(), RANDOM.nextInt(1 << 16));
        // Hashes the artifact (refused here if it cannot be read). Outside the lock: hashing a large artifact
        // must not hold up the starts of other services.
        Fingerprint fingerprint = fingerprint(spec, id);
        return start(spec, id, fingerprint, beforeRecord);
    }

    private synchronized RolloutController start(RolloutSpec spec, String id, Fingerprint fingerprint, Runnable beforeRecord) {
        for (RolloutController c : controllers.values()) {
            RolloutState s = c.state();
            if (s.spec().service().equals(spec.service()) && !s.isFinished()) {
                throw new ConflictException("rollout_in_progress", "service " + spec.service()
                        + " already has rollout " + s.id() + " in phase " + s.phase());
            }
        }
        RolloutBackends.Backend b = backends.backend(spec); // an unserved provider is refused before any record
        if (spec.analysis().mirrors() && !b.router().mirrors()) {
            throw new InvalidInputException("analysis.mirror", "the traffic router of provider " + spec.provider()
                    + " cannot mirror traffic; remove analysis.mirror");
        }
        beforeRecord.run();
        fingerprints.record(fingerprint).join(); // who deploys what is on record before anything runs
        RolloutController c = RolloutController.create(RolloutState.start(id, spec, clock.instant()), store, b.deployer(),
                b.router(), clock, listener);
        controllers.put(id, c);
        c.start(executor, tick);
        return c;
    }

    /** Deployments of a service, newest first. */
    public List<Fingerprint> history(String service) {
        return fingerprints.history(service);
    }

    private static Fingerprint fingerprint(RolloutSpec spec, String rolloutId) {
        FingerprintSpec f = spec.fingerprint() != null ? spec.fingerprint()
                : new FingerprintSpec(null, null, List.of(), null, null);
        String by = f.deployedBy() != null ? f.deployedBy() : System.getProperty("user.name", "unknown");
        String digest = f.artifact() == null ? null : ArtifactDigest.of(f.artifact(), "fingerprint.artifact");
        return new Fingerprint("-", spec.service(), spec.version(), by, f.role(), f.permissions(), f.commit(),
                f.artifact(), digest, rolloutId, Instant.EPOCH);
    }

    public RolloutController get(String id) {
        RolloutController c = controllers.get(id);
        if (c == null) {
            throw new NotFoundException("id", "no rollout " + id);
        }
        return c;
    }

    public CompletableFuture<RolloutState> promote(String id, String by) {
        return get(id).promote(by);
    }

    public CompletableFuture<RolloutState> abort(String id, String by) {
        return get(id).abort(by);
    }

    /** Stops every controller's ticking (the rollouts stay as stored); for a host that is closing. */
    public void stop() {
        controllers.values().forEach(RolloutController::stop);
    }

    /** Rollouts this host knows, newest first. */
    public List<RolloutState> list() {
        return controllers.values().stream().map(RolloutController::state)
                .sorted(Comparator.comparing(RolloutState::createdAt).reversed()).toList();
    }
}
