package io.gridlet.node.trigger;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridlet.node.internal.GridletSerialization;
import java.io.IOException;

/**
 * One firing of a schedule trigger, run by Hazelcast's durable scheduled executor on one member
 * (its backup takes over if that member dies). It never throws: a task that throws is cancelled.
 */
public final class ScheduleFiring implements Runnable, IdentifiedDataSerializable, HazelcastInstanceAware {

    private String trigger;
    private String function;
    private long intervalMillis;
    private transient HazelcastInstance hazelcast;

    public ScheduleFiring() {
    }

    ScheduleFiring(String trigger, String function, long intervalMillis) {
        this.trigger = trigger;
        this.function = function;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    @Override
    public void run() {
        Object triggers = hazelcast.getUserContext().get(GridTriggers.USER_CONTEXT_KEY);
        if (triggers instanceof GridTriggers grid) {
            grid.fire(trigger, function, System.currentTimeMillis(), intervalMillis);
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
        out.writeString(function);
        out.writeLong(intervalMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        trigger = in.readString();
        function = in.readString();
        intervalMillis = in.readLong();
    }
}
