package io.runway.bench;

import com.thoughtworks.xstream.XStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A model of the Lockable Resources plugin's design, for comparison: one global monitor (their
 * {@code syncResources}) around every acquire and release, a FIFO queue of waiting requests that a release
 * hands its resource to directly, and after every change of a holder the whole manager saved with XStream
 * through {@link AtomicXmlFile}, still inside the monitor. A cycle therefore costs two saves: one when the
 * holder's build id is set, one when it is cleared.
 */
final class GlobalLockManager {
    /** The class names the plugin's XML file carries, so element names have their real length. */
    private static final String PLUGIN_PACKAGE = "org.jenkins.plugins.lockableresources.";

    private final Object syncResources = new Object();
    private final ModelResourcesManager state;
    private final AtomicXmlFile file;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private boolean saving = true;
    private long saves;

    private record Waiting(String buildId, CompletableFuture<Integer> handedOver) {
    }

    GlobalLockManager(Path directory, int resources) {
        this.state = ModelResourcesManager.withResources(resources);
        this.file = new AtomicXmlFile(directory.resolve(PLUGIN_PACKAGE + "LockableResourcesManager.xml"), xstream());
    }

    private static XStream xstream() {
        XStream xstream = new XStream();
        xstream.alias(PLUGIN_PACKAGE + "LockableResourcesManager", ModelResourcesManager.class);
        xstream.alias(PLUGIN_PACKAGE + "LockableResource", ModelLockableResource.class);
        xstream.alias(PLUGIN_PACKAGE + "LockableResourceProperty", ModelLockableResource.ModelResourceProperty.class);
        return xstream;
    }

    /** Takes the first free resource, or blocks until a release hands one over; returns its index. */
    int acquire(String buildId) {
        CompletableFuture<Integer> handedOver;
        synchronized (syncResources) {
            for (int i = 0; i < state.size(); i++) {
                if (state.resource(i).isFree()) {
                    state.resource(i).setBuild(buildId);
                    save();
                    return i;
                }
            }
            handedOver = new CompletableFuture<>();
            queue.add(new Waiting(buildId, handedOver));
        }
        return handedOver.join();
    }

    /** Clears the holder (one save), then hands the resource to the oldest waiting request (another save). */
    void release(int resource) {
        synchronized (syncResources) {
            state.resource(resource).setBuild(null);
            save();
            Waiting next = queue.poll();
            if (next != null) {
                state.resource(resource).setBuild(next.buildId());
                save();
                next.handedOver().complete(resource);
            }
        }
    }

    /** Stops writing to disk, so the requesters can drain quickly once the measured window is over. */
    void stopSaving() {
        synchronized (syncResources) {
            saving = false;
        }
    }

    int waiting() {
        synchronized (syncResources) {
            return queue.size();
        }
    }

    long saves() {
        synchronized (syncResources) {
            return saves;
        }
    }

    /** Size of the last saved file, in bytes. */
    long savedBytes() {
        return file.size();
    }

    /** Where a save's time goes: XStream, then flush + force + rename (means over all saves). */
    double[] saveMillisSplit() {
        synchronized (syncResources) {
            return new double[] {file.serializeMillisPerWrite(), file.persistMillisPerWrite()};
        }
    }

    private void save() {
        if (saving) {
            file.write(state);
            saves++;
        }
    }
}
