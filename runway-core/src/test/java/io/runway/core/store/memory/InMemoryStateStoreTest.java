package io.runway.core.store.memory;

import io.runway.core.store.StateStore;
import io.runway.core.store.StateStoreContract;

class InMemoryStateStoreTest extends StateStoreContract {
    @Override
    protected StateStore openStore() {
        return new InMemoryStateStore();
    }

    @Override
    protected boolean durableAcrossReopen() {
        return false;
    }
}
