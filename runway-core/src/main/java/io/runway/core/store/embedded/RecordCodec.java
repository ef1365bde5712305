package io.runway.core.store.embedded;

import io.runway.core.lease.LeaseState;
import io.runway.core.resource.ResourceState;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.DocumentRecord;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import io.runway.core.store.StoreBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact binary form of the store records. Hand-written rather than Jackson because it sits on the
 * commit hot path (tens of thousands of records a second) and must reproduce Instants exactly. Enums are
 * written by name so reordering constants cannot change what old files mean. A change to any record's
 * fields needs a new {@link LogFiles#LOG_FORMAT_VERSION} (and snapshot version) and a reader for the old one.
 */
final class RecordCodec {
    static final int BATCH = 1;

    private RecordCodec() {
    }

    static void writeBatch(ByteSink out, StoreBatch batch) {
        out.writeByte(BATCH);
        out.writeSignedVarLong(batch.fencingHighWater());
        out.writeVarLong(batch.leases().size());
        for (LeaseRecord lease : batch.leases()) {
            writeLease(out, lease);
        }
        out.writeVarLong(batch.resources().size());
        for (ResourceRecord resource : batch.resources()) {
            writeResource(out, resource);
        }
        writeEvents(out, batch.events());
        out.writeVarLong(batch.purgedLeaseIds().size());
        for (String leaseId : batch.purgedLeaseIds()) {
            out.writeString(leaseId);
        }
        // Documents come last and only when present, so frames written before documents existed still read.
        if (!batch.documents().isEmpty()) {
            out.writeVarLong(batch.documents().size());
            for (DocumentRecord document : batch.documents()) {
                writeDocument(out, document);
            }
        }
    }

    static StoreBatch readBatch(ByteSource in) {
        if (in.readByte() != BATCH) {
            throw new CorruptFrameException("not a batch frame");
        }
        long fencingHighWater = in.readSignedVarLong();
        int leaseCount = in.readCount();
        List<LeaseRecord> leases = new ArrayList<>(leaseCount);
        for (int i = 0; i < leaseCount; i++) {
            leases.add(readLease(in));
        }
        int resourceCount = in.readCount();
        List<ResourceRecord> resources = new ArrayList<>(resourceCount);
        for (int i = 0; i < resourceCount; i++) {
            resources.add(readResource(in));
        }
        List<AuditEvent> events = readEvents(in);
        int purgeCount = in.readCount();
        List<String> purged = new ArrayList<>(purgeCount);
        for (int i = 0; i < purgeCount; i++) {
            purged.add(in.readString());
        }
        List<DocumentRecord> documents = new ArrayList<>();
        if (!in.atEnd()) {
            int documentCount = in.readCount();
            for (int i = 0; i < documentCount; i++) {
                documents.add(readDocument(in));
            }
        }
        return new StoreBatch(leases, resources, events, purged, fencingHighWater, documents);
    }

    static void writeDocument(ByteSink out, DocumentRecord document) {
        out.writeString(document.kind());
        out.writeString(document.id());
        out.writeVarLong(document.version());
        out.writeString(document.body());
    }

    static DocumentRecord readDocument(ByteSource in) {
        try {
            return new DocumentRecord(in.readString(), in.readString(), in.readVarLong(), in.readString());
        } catch (RuntimeException e) {
            throw malformed("document", e);
        }
    }

    static void writeLease(ByteSink out, LeaseRecord lease) {
        out.writeString(lease.id());
        out.writeVarLong(lease.version());
        out.writeString(lease.owner());
        out.writeString(lease.tokenHash());
        out.writeSignedVarLong(lease.fencingToken());
        out.writeString(lease.state().name());
        out.writeVarLong(lease.resourceIds().size());
        for (String resourceId : lease.resourceIds()) {
            out.writeString(resourceId);
        }
        out.writeSignedVarLong(lease.priority());
        out.writeInstant(lease.requestedAt());
        out.writeInstant(lease.grantedAt());
        out.writeInstant(lease.expiresAt());
        out.writeInstant(lease.endedAt());
        out.writeString(lease.endReason());
    }

    static LeaseRecord readLease(ByteSource in) {
        try {
            String id = in.readString();
            long version = in.readVarLong();
            String owner = in.readString();
            String tokenHash = in.readString();
            long fencingToken = in.readSignedVarLong();
            LeaseState state = LeaseState.valueOf(in.readString());
            int resourceCount = in.readCount();
            List<String> resourceIds = new ArrayList<>(resourceCount);
            for (int i = 0; i < resourceCount; i++) {
                resourceIds.add(in.readString());
            }
            return new LeaseRecord(id, version, owner, tokenHash, fencingToken, state, resourceIds,
                    (int) in.readSignedVarLong(), in.readInstant(), in.readInstant(), in.readInstant(),
                    in.readInstant(), in.readString());
        } catch (RuntimeException e) {
            throw malformed("lease", e);
        }
    }

    static void writeResource(ByteSink out, ResourceRecord resource) {
        out.writeString(resource.id());
        out.writeVarLong(resource.version());
        out.writeString(resource.pool());
        out.writeString(resource.state().name());
        out.writeString(resource.leaseId());
        out.writeInstant(resource.stateSince());
        out.writeSignedVarLong(resource.lastFencingToken());
    }

    static ResourceRecord readResource(ByteSource in) {
        try {
            return new ResourceRecord(in.readString(), in.readVarLong(), in.readString(),
                    ResourceState.valueOf(in.readString()), in.readString(), in.readInstant(),
                    in.readSignedVarLong());
        } catch (RuntimeException e) {
            throw malformed("resource", e);
        }
    }

    static void writeEvents(ByteSink out, List<AuditEvent> events) {
        out.writeVarLong(events.size());
        for (AuditEvent event : events) {
            out.writeInstant(event.at());
            out.writeString(event.leaseId());
            out.writeString(event.resourceId());
            out.writeString(event.type());
            out.writeString(event.actor());
            out.writeString(event.from());
            out.writeString(event.to());
            out.writeString(event.reason());
        }
    }

    static List<AuditEvent> readEvents(ByteSource in) {
        int count = in.readCount();
        List<AuditEvent> events = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                events.add(new AuditEvent(in.readInstant(), in.readString(), in.readString(), in.readString(),
                        in.readString(), in.readString(), in.readString(), in.readString()));
            }
        } catch (RuntimeException e) {
            throw malformed("audit event", e);
        }
        return events;
    }

    private static CorruptFrameException malformed(String what, RuntimeException cause) {
        if (cause instanceof CorruptFrameException corrupt) {
            return corrupt;
        }
        return new CorruptFrameException("malformed " + what + ": " + cause.getMessage());
    }
}
