package io.gridlet.management.node;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.DistributedObjectEvent;
import com.hazelcast.core.DistributedObjectListener;
import com.hazelcast.map.IMap;
import io.gridlet.node.GridNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.HazelcastCacheMetrics;
import io.micronaut.context.annotation.Context;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds Micrometer's Hazelcast map metrics (size, owned and backup entries, gets, puts, hits) for
 * every map of the grid, including maps created later.
 */
@Context
public class MapMeters implements DistributedObjectListener {

    private final MeterRegistry registry;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();

    public MapMeters(GridNode node, MeterRegistry registry) {
        this.registry = registry;
        node.hazelcast().addDistributedObjectListener(this);
        for (DistributedObject object : node.hazelcast().getDistributedObjects()) {
            bind(object);
        }
    }

    @Override
    public void distributedObjectCreated(DistributedObjectEvent event) {
        bind(event.getDistributedObject());
    }

    @Override
    public void distributedObjectDestroyed(DistributedObjectEvent event) {
        bound.remove(String.valueOf(event.getObjectName()));
    }

    private void bind(DistributedObject object) {
        if (object instanceof IMap<?, ?> map && bound.add(map.getName())) {
            HazelcastCacheMetrics.monitor(registry, map);
        }
    }
}
