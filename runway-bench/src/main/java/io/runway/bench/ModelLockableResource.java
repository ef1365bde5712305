package io.runway.bench;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The persisted state of one resource in the global-lock model, with the fields that the Lockable Resources
 * plugin's {@code LockableResource} writes to its XML (same names, so XStream emits elements of the same
 * names and sizes). Only the holder's build id changes during the benchmark, as it does on lock and unlock.
 * Fields that are {@code null} are left out of the XML by XStream, as in the plugin's file.
 */
@SuppressWarnings({"unused", "FieldMayBeFinal"}) // read reflectively by XStream, never by code
final class ModelLockableResource {
    /** The plugin's value of queueItemId for a resource no queue item is waiting on. */
    static final long NOT_QUEUED = 0;

    private final String name;
    private String description;
    private String labels;
    private String reservedBy;
    private Date reservedTimestamp;
    private String note = "";
    private boolean ephemeral;
    private List<ModelResourceProperty> properties = new ArrayList<>();
    private long queueItemId = NOT_QUEUED;
    private String queueItemProject;
    private String buildExternalizableId;
    private long queuingStarted;
    private boolean stolen;

    ModelLockableResource(String name, String description, String labels) {
        this.name = name;
        this.description = description;
        this.labels = labels;
    }

    boolean isFree() {
        return buildExternalizableId == null;
    }

    /** Sets the holder ({@code "folder/job#123"}, as Jenkins' externalizable build id), or clears it with null. */
    void setBuild(String externalizableId) {
        this.buildExternalizableId = externalizableId;
    }

    /** The plugin's name/value pair attached to a resource; the model's resources carry none. */
    record ModelResourceProperty(String name, String value) {
    }
}
