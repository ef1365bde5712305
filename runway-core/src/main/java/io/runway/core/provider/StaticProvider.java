package io.runway.core.provider;

import io.runway.core.resource.ResourceView;
import java.util.concurrent.CompletableFuture;

/** Resources declared in configuration that need no cleaning between leases (hosts, slots, accounts). */
public final class StaticProvider implements Provider {
    public static final String NAME = "static";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean cleansResources() {
        return false;
    }

    @Override
    public CompletableFuture<Void> cleanup(ResourceView resource, String lastLeaseId) {
        return CompletableFuture.completedFuture(null);
    }
}
