package io.gridlet.node.internal.deploy;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.internal.invoke.caller.FunctionSpecs;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A copy of the function catalog kept by a caller that is not a member (a client), so that it
 * knows each deployed function's timeout and transactional flag without asking per call. Follows
 * the catalog through an entry listener; a lookup never leaves the JVM. Thread-safe.
 */
public final class CatalogView implements FunctionSpecs, AutoCloseable {

    private final IMap<String, CatalogEntry> catalog;
    private final Map<String, CatalogEntry> entries = new ConcurrentHashMap<>();
    private final UUID listener;

    public CatalogView(HazelcastInstance hazelcast) {
        this.catalog = hazelcast.getMap(GridDeployments.CATALOG);
        this.listener = catalog.addEntryListener(new Follower(), true);
        entries.putAll(catalog);
    }

    @Override
    public FunctionSpec find(String name, String version) {
        CatalogEntry entry = entries.get(name);
        if (entry == null) {
            return null;
        }
        CatalogVersion found = entry.version(version == null ? entry.live() : version);
        return found == null ? null : found.spec(name);
    }

    @Override
    public void close() {
        catalog.removeEntryListener(listener);
    }

    private final class Follower implements EntryAddedListener<String, CatalogEntry>,
            EntryUpdatedListener<String, CatalogEntry>, EntryRemovedListener<String, CatalogEntry> {

        @Override
        public void entryAdded(EntryEvent<String, CatalogEntry> event) {
            entries.put(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, CatalogEntry> event) {
            entries.put(event.getKey(), event.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, CatalogEntry> event) {
            entries.remove(event.getKey());
        }
    }
}
