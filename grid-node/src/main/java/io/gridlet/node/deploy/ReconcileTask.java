package io.gridlet.node.deploy;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridlet.node.internal.GridletSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Sent to every member after a catalog change: reconcile these functions now, so that when a
 * deploy, activation or undeploy returns, every member already serves the change.
 */
public final class ReconcileTask implements Callable<Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware {

    /** The key under which a member's user context holds its deployments. */
    public static final String USER_CONTEXT_KEY = "io.gridlet.deployments";

    private List<String> names;
    private transient HazelcastInstance hazelcast;

    public ReconcileTask() {
    }

    ReconcileTask(List<String> names) {
        this.names = List.copyOf(names);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    @Override
    public Boolean call() {
        Object deployments = hazelcast.getUserContext().get(USER_CONTEXT_KEY);
        if (!(deployments instanceof GridDeployments grid)) {
            return false;
        }
        for (String name : names) {
            grid.reconcile(name);
        }
        return true;
    }

    @Override
    public int getFactoryId() {
        return GridletSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return GridletSerialization.RECONCILE_TASK;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(names.size());
        for (String name : names) {
            out.writeString(name);
        }
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        int count = in.readInt();
        List<String> read = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            read.add(in.readString());
        }
        names = List.copyOf(read);
    }
}
