package io.gridlet.node.internal.deploy;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A deployed jar as stored in {@code gridlet.artifacts}, keyed by its sha-256. Immutable once stored. */
final class ArtifactRecord implements IdentifiedDataSerializable {

    private String sha256;
    private String version;
    private List<String> functions;
    private long deployedAt;
    private String deployedBy;
    private byte[] jar;

    public ArtifactRecord() {
    }

    ArtifactRecord(String sha256, String version, List<String> functions, long deployedAt, String deployedBy,
                   byte[] jar) {
        this.sha256 = sha256;
        this.version = version;
        this.functions = List.copyOf(functions);
        this.deployedAt = deployedAt;
        this.deployedBy = deployedBy;
        this.jar = jar;
    }

    public String sha256() {
        return sha256;
    }

    public String version() {
        return version;
    }

    public List<String> functions() {
        return functions;
    }

    public long deployedAt() {
        return deployedAt;
    }

    public String deployedBy() {
        return deployedBy;
    }

    byte[] jar() {
        return jar;
    }

    public int size() {
        return jar.length;
    }

    @Override
    public int getFactoryId() {
        return DeploySerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return DeploySerializerHook.ARTIFACT_RECORD;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(sha256);
        out.writeString(version);
        out.writeInt(functions.size());
        for (String function : functions) {
            out.writeString(function);
        }
        out.writeLong(deployedAt);
        out.writeString(deployedBy);
        out.writeByteArray(jar);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        sha256 = in.readString();
        version = in.readString();
        int count = in.readInt();
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(in.readString());
        }
        functions = List.copyOf(names);
        deployedAt = in.readLong();
        deployedBy = in.readString();
        jar = in.readByteArray();
    }
}
