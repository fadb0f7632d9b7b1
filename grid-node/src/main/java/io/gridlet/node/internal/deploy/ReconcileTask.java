package io.gridlet.node.internal.deploy;

import io.gridlet.node.internal.cluster.MemberContext;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Sent to every member after a catalog change: reconcile these functions now, so that when a
 * deploy, activation or undeploy returns, every member already serves the change.
 */
final class ReconcileTask implements Callable<Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware {


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
        GridDeployments grid = MemberContext.find(hazelcast, GridDeployments.class);
        if (grid == null) {
            return false;
        }
        for (String name : names) {
            grid.reconcile(name);
        }
        return true;
    }

    @Override
    public int getFactoryId() {
        return DeploySerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return DeploySerializerHook.RECONCILE_TASK;
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
