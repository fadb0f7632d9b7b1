package io.gridlet.node.trigger;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridlet.node.internal.GridletSerialization;
import java.io.IOException;

/**
 * One firing of a schedule trigger, due at {@code scheduledAt}: a one-shot task of Hazelcast's
 * durable scheduled executor (its backup runs it if its member dies), which invokes the function
 * and schedules the next firing. It never throws.
 */
public final class ScheduleFiring implements Runnable, IdentifiedDataSerializable, HazelcastInstanceAware {

    private String trigger;
    private long scheduledAt;
    private transient HazelcastInstance hazelcast;

    public ScheduleFiring() {
    }

    ScheduleFiring(String trigger, long scheduledAt) {
        this.trigger = trigger;
        this.scheduledAt = scheduledAt;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    @Override
    public void run() {
        Object triggers = hazelcast.getUserContext().get(GridTriggers.USER_CONTEXT_KEY);
        if (triggers instanceof GridTriggers grid) {
            grid.fire(trigger, scheduledAt);
        }
    }

    @Override
    public int getFactoryId() {
        return GridletSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return GridletSerialization.SCHEDULE_FIRING;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(trigger);
        out.writeLong(scheduledAt);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        trigger = in.readString();
        scheduledAt = in.readLong();
    }
}
