package io.gridlet.node.internal.trigger;

import io.gridlet.node.internal.cluster.MemberContext;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/**
 * One firing of a schedule trigger, due at {@code scheduledAt}: a one-shot task of Hazelcast's
 * durable scheduled executor (its backup runs it if its member dies), which invokes the function
 * and schedules the next firing. It never throws.
 */
final class ScheduleFiring implements Runnable, IdentifiedDataSerializable, HazelcastInstanceAware {

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
        GridTriggers triggers = MemberContext.find(hazelcast, GridTriggers.class);
        if (triggers != null) {
            triggers.fire(trigger, scheduledAt);
        }
    }

    @Override
    public int getFactoryId() {
        return TriggerSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return TriggerSerializerHook.SCHEDULE_FIRING;
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
