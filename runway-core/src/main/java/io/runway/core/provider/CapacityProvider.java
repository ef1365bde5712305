package io.runway.core.provider;

import io.runway.core.resource.ResourceView;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Provider} that can add and remove resources at run time, so a pool with a {@code template} can
 * scale between its {@code min} and {@code max}. The local provider makes local slots; an EC2 provider
 * launches instances.
 *
 * <p>How the engine uses it (intent before side effect):
 * <ol>
 *   <li>The engine picks the new resource's id ({@code <pool>-s<n>}), gives it the pool template's labels and
 *       attributes, and makes it durable as {@code PROVISIONING} (with a {@code capacity} document holding
 *       its description) <em>before</em> it calls {@link #provision}.</li>
 *   <li>When the future completes normally the resource becomes {@code FREE}; when it fails the resource is
 *       {@code RETIRED} and {@link #deprovision} is called to undo whatever was half made.</li>
 *   <li>After a crash, every resource still {@code PROVISIONING} is provisioned again with the same id, and
 *       every {@code RETIRED} one whose deprovisioning was not confirmed is deprovisioned again. Both calls
 *       must therefore be idempotent in {@link ResourceView#id()}: use the id as the idempotency token
 *       (EC2: {@code ClientToken} of {@code RunInstances}) and tag what is created with it, so a second call
 *       finds the first one's work instead of doubling it, and a janitor can find leftovers by tag.</li>
 *   <li>{@link #deprovision} is only ever called for a resource that no lease holds: the engine retires it
 *       on its single writer first, which refuses a resource that is not {@code FREE}.</li>
 * </ol>
 * Calls come from the engine's host threads; implementations must not block them (return a future that
 * completes later, on the provider's own threads if the work is slow).
 */
public interface CapacityProvider {

    /** Makes {@code resource} exist and ready to lease. Idempotent in the resource id. */
    CompletableFuture<Void> provision(ResourceView resource);

    /**
     * Provisions {@code resource} like {@link #provision} and completes with facts learned while making it
     * (an EC2 instance's id and private IP, a local slot's directory). The engine adds them to the resource's
     * attributes in the same durable batch that makes it {@code FREE}, so the first lease on it already sees
     * where it is, and a restart keeps them. A fact never replaces an attribute the pool's template sets, and
     * one that breaks the attribute rules of a pool spec is left out (the audit event says which). The engine
     * calls this method, not {@link #provision}; the default reports nothing.
     */
    default CompletableFuture<Map<String, Object>> provisionWithFacts(ResourceView resource) {
        return provision(resource).thenApply(done -> Map.of());
    }

    /** Removes {@code resource} and everything made for it. Idempotent; succeeds if it is already gone. */
    CompletableFuture<Void> deprovision(ResourceView resource);
}
