package io.gridlet.node.internal.deploy;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridlet.node.FunctionSpec;
import io.gridlet.node.FunctionVersion;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * One deployed version of a function, as the catalog stores it: where its code is, and its spec,
 * so that a caller can read the function's timeout without loading its jar. Immutable.
 */
final class CatalogVersion implements IdentifiedDataSerializable {

    private String version;
    private String sha256;
    private String className;
    private long timeoutMillis;
    private int maxConcurrency;
    private String description;
    private boolean transactional;
    private boolean partitionThread;
    private long deployedAt;
    private String deployedBy;

    public CatalogVersion() {
    }

    CatalogVersion(FunctionSpec spec, String sha256, String className, long deployedAt, String deployedBy) {
        this.version = spec.version();
        this.sha256 = sha256;
        this.className = className;
        this.timeoutMillis = spec.timeout().toMillis();
        this.maxConcurrency = spec.maxConcurrency();
        this.description = spec.description();
        this.transactional = spec.transactional();
        this.partitionThread = spec.partitionThread();
        this.deployedAt = deployedAt;
        this.deployedBy = deployedBy;
    }

    public String version() {
        return version;
    }

    public String sha256() {
        return sha256;
    }

    public String className() {
        return className;
    }

    public long deployedAt() {
        return deployedAt;
    }

    public String deployedBy() {
        return deployedBy;
    }

    /** The function's spec at this version. */
    public FunctionSpec spec(String name) {
        return new FunctionSpec(name, version, Duration.ofMillis(timeoutMillis), maxConcurrency, description,
                transactional, partitionThread);
    }

    /** What the public API shows of this version. */
    FunctionVersion info(String name) {
        return new FunctionVersion(version, sha256, className, spec(name), deployedAt, deployedBy);
    }

    @Override
    public int getFactoryId() {
        return DeploySerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return DeploySerializerHook.CATALOG_VERSION;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(version);
        out.writeString(sha256);
        out.writeString(className);
        out.writeLong(timeoutMillis);
        out.writeInt(maxConcurrency);
        out.writeString(description);
        out.writeBoolean(transactional);
        out.writeLong(deployedAt);
        out.writeString(deployedBy);
        out.writeBoolean(partitionThread);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        version = in.readString();
        sha256 = in.readString();
        className = in.readString();
        timeoutMillis = in.readLong();
        maxConcurrency = in.readInt();
        description = in.readString();
        transactional = in.readBoolean();
        deployedAt = in.readLong();
        deployedBy = in.readString();
        partitionThread = in.readBoolean();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CatalogVersion that && version.equals(that.version) && sha256.equals(that.sha256)
                && className.equals(that.className);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, sha256, className);
    }

    @Override
    public String toString() {
        return version + " (" + sha256.substring(0, 12) + ")";
    }
}
