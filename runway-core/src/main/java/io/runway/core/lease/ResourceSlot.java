package io.runway.core.lease;

import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import io.runway.core.store.ResourceRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The engine's mutable view of one resource; touched only by the engine's writer. */
final class ResourceSlot {
    final String id;
    final PoolSlot pool;
    final Set<String> labels;
    final List<String> labelList;
    /** Set once more when a provider reports facts about a resource it provisioned (see {@link ResourceIndex#describe}). */
    Map<String, Object> attributes;
    ResourceRecord record;
    /** Whether the resource is still in configuration; a removed one retires once no lease holds it. */
    boolean configured = true;
    /** Whether a provider provisioned it at run time (durable as a {@code capacity} document) rather than config. */
    boolean dynamic;
    /** Version of the resource's {@code capacity} document (dynamic resources only). */
    long documentVersion;
    /** Its group in the {@link ShapeIndex}, and when it last became free there (writer-owned). */
    ShapeIndex.Shape shape;
    long freedSeq;

    ResourceSlot(String id, PoolSlot pool, List<String> labels, Map<String, Object> attributes, ResourceRecord record) {
        this.id = id;
        this.pool = pool;
        this.labelList = List.copyOf(labels);
        this.labels = Set.copyOf(labels);
        this.attributes = ResourceView.frozen(attributes);
        this.record = record;
    }

    ResourceState state() {
        return record.state();
    }

    ResourceView view() {
        return new ResourceView(id, pool.name(), record.state(), labelList, attributes,
                record.state() == ResourceState.LEASED ? record.leaseId() : null);
    }
}
