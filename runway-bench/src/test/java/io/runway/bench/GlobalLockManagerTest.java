package io.runway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model does what docs/performance.md says it does per change. */
class GlobalLockManagerTest {
    @TempDir
    Path dir;

    private Path savedFile() {
        return dir.resolve("org.jenkins.plugins.lockableresources.LockableResourcesManager.xml");
    }

    @Test
    void everyChangeOfHolderSavesTheWholeManagerAsPluginShapedXml() throws Exception {
        GlobalLockManager manager = new GlobalLockManager(dir, 3);

        int resource = manager.acquire("folder/job#7");

        assertThat(manager.saves()).isEqualTo(1);
        String xml = Files.readString(savedFile());
        assertThat(xml).startsWith("<?xml version='1.1' encoding='UTF-8'?>\n<org.jenkins.plugins.lockableresources.LockableResourcesManager>")
                .contains("<org.jenkins.plugins.lockableresources.LockableResource>", "<name>resource-2</name>",
                        "<labels>bench linux</labels>", "<buildExternalizableId>folder/job#7</buildExternalizableId>",
                        "<queueItemId>0</queueItemId>", "<stolen>false</stolen>", "<properties/>");

        manager.release(resource);

        assertThat(manager.saves()).isEqualTo(2);
        assertThat(Files.readString(savedFile())).doesNotContain("buildExternalizableId");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(savedFile()); // temp files were renamed over the target
        }
    }

    @Test
    void aReleaseHandsTheResourceToTheOldestWaiterWithASecondSave() throws Exception {
        GlobalLockManager manager = new GlobalLockManager(dir, 1);
        int held = manager.acquire("a#1");
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> manager.acquire("b#1"));
        while (manager.waiting() == 0) {
            Thread.onSpinWait();
        }

        manager.release(held);

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(held);
        assertThat(manager.saves()).isEqualTo(3);
        assertThat(Files.readString(savedFile())).contains("<buildExternalizableId>b#1</buildExternalizableId>");
    }
}
