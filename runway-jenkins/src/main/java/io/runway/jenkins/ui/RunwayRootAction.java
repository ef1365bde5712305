package io.runway.jenkins.ui;

import hudson.Extension;
import hudson.model.RootAction;
import hudson.model.User;
import io.runway.core.api.ApiViews;
import io.runway.core.error.RunwayException;
import io.runway.core.label.LabelExpression;
import io.runway.core.lease.Grant;
import io.runway.core.lease.Lease;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.resource.ResourceView;
import io.runway.core.rollout.RolloutState;
import io.runway.core.spec.Durations;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.run.GraphRun;
import io.runway.core.task.run.TaskScheduler;
import io.runway.jenkins.RunwayConfiguration;
import io.runway.jenkins.RunwayPermissions;
import io.runway.jenkins.api.ApiResponse;
import io.runway.jenkins.api.Caller;
import io.runway.jenkins.api.RestApiV1;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.Owners;
import io.runway.jenkins.host.RunwayHost;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The Runway page ({@code /runway}): resources, leases and rollouts, with the actions people take on them,
 * and REST API v1 under {@code /runway/api/v1/}. Every action checks its Runway permission and is POST-only.
 */
@Extension
public class RunwayRootAction implements RootAction {
    /** Tokens of leases people took on this page, so they can extend them; lost on restart (release still works). */
    private final Map<String, String> personTokens = new ConcurrentHashMap<>();

    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER) || Jenkins.get().hasPermission(RunwayPermissions.LEASE)
                ? "symbol-rocket-outline plugin-ionicons-api" : null;
    }

    @Override
    public String getDisplayName() {
        return "Runway";
    }

    @Override
    public String getUrlName() {
        return "runway";
    }

    // ---- read by index.jelly ----

    public List<ResourceView> getResources() {
        RunwayHost h = HostHolder.getOrNull();
        return h == null ? List.of() : h.leases().resources();
    }

    public List<Lease> getLeases() {
        RunwayHost h = HostHolder.getOrNull();
        return h == null ? List.of() : h.leases().leases().stream().filter(l -> !l.state().isTerminal()).toList();
    }

    public List<RolloutState> getRollouts() {
        RunwayHost h = HostHolder.getOrNull();
        return h == null ? List.of() : h.rollouts().list();
    }

    public List<TaskGraphSpec> getTaskGraphs() {
        TaskScheduler t = tasks();
        return t == null ? List.of() : t.graphs();
    }

    /** The next schedule instant of a graph, or "" (unscheduled). */
    public String nextFire(String graph) {
        TaskScheduler t = tasks();
        return t == null ? "" : t.nextFire(graph).map(Object::toString).orElse("");
    }

    /** Recent runs of every graph, newest first. */
    public List<GraphRun> getGraphRuns() {
        TaskScheduler t = tasks();
        return t == null ? List.of() : t.runs(null).stream().limit(50).toList();
    }

    private static TaskScheduler tasks() {
        RunwayHost h = HostHolder.getOrNull();
        return h == null ? null : h.tasks();
    }

    public boolean isStarted() {
        return HostHolder.getOrNull() != null;
    }

    // ---- actions (POST only, permission-checked) ----

    @RequirePOST
    public void doTakeLease(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String pool,
                            @QueryParameter String capability, @QueryParameter int count, @QueryParameter String ttl)
            throws IOException {
        Jenkins.get().checkPermission(RunwayPermissions.LEASE);
        Duration d = Durations.parse(ttl, "ttl");
        Duration max = RunwayConfiguration.get().maxPersonTtlDuration();
        if (d.compareTo(max) > 0) {
            throw new io.runway.core.error.InvalidInputException("ttl", "a person's lease may last at most " + Durations.format(max));
        }
        String cap = capability == null || capability.isBlank() ? null : capability;
        Grant g = join(HostHolder.get().leases().acquire(new LeaseRequest(Owners.user(userId()),
                pool == null || pool.isBlank() ? null : pool, cap == null ? null : LabelExpression.parse(cap, "capability"),
                Math.max(1, count), d, Duration.ZERO, 0)));
        personTokens.put(g.lease().id(), g.token());
        rsp.sendRedirect(".");
    }

    @RequirePOST
    public void doExtend(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String id, @QueryParameter String ttl)
            throws IOException {
        Jenkins.get().checkPermission(RunwayPermissions.LEASE);
        Lease l = HostHolder.get().leases().lease(id).orElseThrow(() -> new io.runway.core.error.NotFoundException("id", "no lease " + id));
        String token = personTokens.get(id);
        if (token == null || !l.owner().equals(Owners.user(userId()))) {
            throw new io.runway.core.error.ForbiddenException("only the person who took lease " + id + " on this page can extend it");
        }
        join(HostHolder.get().leases().renew(id, token, Durations.parse(ttl, "ttl")));
        rsp.sendRedirect(".");
    }

    /** Releases your own lease (Lease), or revokes anyone's (Administer). */
    @RequirePOST
    public void doRelease(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String id) throws IOException {
        Lease l = HostHolder.get().leases().lease(id).orElseThrow(() -> new io.runway.core.error.NotFoundException("id", "no lease " + id));
        String token = personTokens.get(id);
        if (token != null && l.owner().equals(Owners.user(userId()))) {
            Jenkins.get().checkPermission(RunwayPermissions.LEASE);
            join(HostHolder.get().leases().release(id, token));
            personTokens.remove(id);
        } else {
            Jenkins.get().checkPermission(RunwayPermissions.ADMINISTER);
            join(HostHolder.get().leases().revoke(id, "jenkins user " + userId(), "revoked on the Runway page"));
        }
        rsp.sendRedirect(".");
    }

    @RequirePOST
    public void doPromote(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String id) throws IOException {
        Jenkins.get().checkPermission(RunwayPermissions.ROLLOUT);
        join(HostHolder.get().rollouts().promote(id, "jenkins user " + userId()));
        rsp.sendRedirect(".");
    }

    @RequirePOST
    public void doAbort(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String id) throws IOException {
        Jenkins.get().checkPermission(RunwayPermissions.ROLLOUT);
        join(HostHolder.get().rollouts().abort(id, "jenkins user " + userId()));
        rsp.sendRedirect(".");
    }

    /** A run of a task graph now, outside its schedule (Administer: it starts builds). */
    @RequirePOST
    public void doRunGraph(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String graph) throws IOException {
        Jenkins.get().checkPermission(RunwayPermissions.ADMINISTER);
        requireTasks().trigger(graph);
        rsp.sendRedirect(".");
    }

    /** One run per schedule instant in [from, to] (ISO-8601 instants; Administer). */
    @RequirePOST
    public void doBackfill(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String graph, @QueryParameter String from,
                           @QueryParameter String to) throws IOException {
        Jenkins.get().checkPermission(RunwayPermissions.ADMINISTER);
        requireTasks().backfill(graph, instant(from, "from"), instant(to, "to"));
        rsp.sendRedirect(".");
    }

    private static TaskScheduler requireTasks() {
        TaskScheduler t = tasks();
        if (t == null) {
            throw new io.runway.core.error.UnavailableException("the task scheduler is not running on this controller", null);
        }
        return t;
    }

    private static java.time.Instant instant(String text, String field) {
        try {
            return java.time.Instant.parse(text == null ? "" : text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new io.runway.core.error.InvalidInputException(field, field + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }

    // ---- REST API v1 ----

    /** {@code /runway/api/v1/...}: reads are GET, changes POST (the API checks; see {@link RestApiV1}). */
    public void doDynamic(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        String rest = req.getRestOfPath();
        if (rest == null || !rest.startsWith("/api/v1")) {
            rsp.sendError(404);
            return;
        }
        ApiResponse out;
        RunwayHost host = HostHolder.getOrNull();
        if (host == null) {
            out = new ApiResponse(503, ApiViews.write(ApiViews.error("unavailable", null, "Runway is not started")));
        } else {
            Jenkins j = Jenkins.get();
            boolean admin = j.hasPermission(RunwayPermissions.ADMINISTER);
            Caller caller = new Caller(userId(), j.hasPermission(Jenkins.READ), j.hasPermission(RunwayPermissions.LEASE),
                    j.hasPermission(RunwayPermissions.ROLLOUT), admin);
            byte[] body = "POST".equals(req.getMethod())
                    ? req.getInputStream().readNBytes(RestApiV1.MAX_BODY_BYTES + 1) // bounded: refused above the limit
                    : new byte[0];
            out = new RestApiV1(host, RunwayConfiguration.get().maxPersonTtlDuration()).handle(req.getMethod(),
                    rest.substring("/api/v1".length()), req.getQueryString(), body, req.getHeader(RestApiV1.TOKEN_HEADER), caller);
        }
        rsp.setStatus(out.status());
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.getOutputStream().write(out.json().getBytes(StandardCharsets.UTF_8));
    }

    private static String userId() {
        User u = User.current();
        return u == null ? "anonymous" : u.getId();
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RunwayException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.runway.core.error.UnavailableException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new io.runway.core.error.UnavailableException("Runway did not answer in time", e);
        }
    }
}
