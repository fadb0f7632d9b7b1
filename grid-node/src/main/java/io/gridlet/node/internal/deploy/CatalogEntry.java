package io.gridlet.node.internal.deploy;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridlet.node.FunctionInfo;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One function in {@code gridlet.functions}: its versions, the live one, and an optional canary
 * that takes a percentage of the live traffic. Changed only by {@link CatalogUpdate}, on the
 * entry's partition, so every change is atomic.
 */
final class CatalogEntry implements IdentifiedDataSerializable {

    private String name;
    private LinkedHashMap<String, CatalogVersion> versions = new LinkedHashMap<>();
    private String live;
    private String canary;
    private int canaryPercent;

    public CatalogEntry() {
    }

    CatalogEntry(String name) {
        this.name = name;
    }

    CatalogEntry copy() {
        CatalogEntry copy = new CatalogEntry(name);
        copy.versions = new LinkedHashMap<>(versions);
        copy.live = live;
        copy.canary = canary;
        copy.canaryPercent = canaryPercent;
        return copy;
    }

    public String name() {
        return name;
    }

    public Collection<CatalogVersion> versions() {
        return versions.values();
    }

    public CatalogVersion version(String version) {
        return versions.get(version);
    }

    Map<String, CatalogVersion> versionMap() {
        return versions;
    }

    public String live() {
        return live;
    }

    /** The canary version, or {@code null}. */
    public String canary() {
        return canary;
    }

    /** The percentage of live traffic the canary takes, 0 without one. */
    public int canaryPercent() {
        return canaryPercent;
    }

    void live(String version) {
        this.live = version;
    }

    void canary(String version, int percent) {
        this.canary = version;
        this.canaryPercent = version == null ? 0 : percent;
    }

    /** What the public API shows of this entry. */
    FunctionInfo info() {
        return new FunctionInfo(name, versions.values().stream().map(version -> version.info(name)).toList(), live,
                canary, canaryPercent);
    }

    @Override
    public int getFactoryId() {
        return DeploySerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return DeploySerializerHook.CATALOG_ENTRY;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(name);
        out.writeInt(versions.size());
        for (CatalogVersion version : versions.values()) {
            version.writeData(out);
        }
        out.writeString(live);
        out.writeString(canary);
        out.writeInt(canaryPercent);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        name = in.readString();
        int count = in.readInt();
        versions = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            CatalogVersion version = new CatalogVersion();
            version.readData(in);
            versions.put(version.version(), version);
        }
        live = in.readString();
        canary = in.readString();
        canaryPercent = in.readInt();
    }
}
