package io.runway.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The object graph the global-lock model saves on every change: like the plugin's
 * {@code LockableResourcesManager}, a list of every resource, written out whole each time.
 */
final class ModelResourcesManager {
    private final List<ModelLockableResource> resources;

    private ModelResourcesManager(List<ModelLockableResource> resources) {
        this.resources = resources;
    }

    /** {@code count} resources with a description and two labels, the shape of a typical fleet definition. */
    static ModelResourcesManager withResources(int count) {
        List<ModelLockableResource> resources = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            resources.add(new ModelLockableResource("resource-" + i, "benchmark resource " + i, "bench linux"));
        }
        return new ModelResourcesManager(resources);
    }

    ModelLockableResource resource(int index) {
        return resources.get(index);
    }

    int size() {
        return resources.size();
    }
}
