package io.gridlet.node.internal.deploy;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridlet.node.internal.deploy.CatalogResult.Outcome;
import java.io.IOException;
import java.util.Map;

/**
 * The only way the catalog changes: an entry processor on the function's entry, so that adding a
 * version (with its immutability check), moving the live alias and removing a version are each
 * atomic. Deterministic, so the backup replays it as is. Answers with a {@link CatalogResult}.
 */
final class CatalogUpdate implements EntryProcessor<String, CatalogEntry, CatalogResult>, IdentifiedDataSerializable {

    enum Op { ADD, ACTIVATE, REMOVE }

    private Op op;
    private CatalogVersion added;
    private boolean makeLive;
    private String version;
    private String canary;
    private int canaryPercent;

    CatalogUpdate() {
    }

    static CatalogUpdate add(CatalogVersion version, boolean makeLive) {
        CatalogUpdate update = new CatalogUpdate();
        update.op = Op.ADD;
        update.added = version;
        update.makeLive = makeLive;
        return update;
    }

    static CatalogUpdate activate(String version, String canary, int canaryPercent) {
        CatalogUpdate update = new CatalogUpdate();
        update.op = Op.ACTIVATE;
        update.version = version;
        update.canary = canary;
        update.canaryPercent = canaryPercent;
        return update;
    }

    static CatalogUpdate remove(String version) {
        CatalogUpdate update = new CatalogUpdate();
        update.op = Op.REMOVE;
        update.version = version;
        return update;
    }

    @Override
    public CatalogResult process(Map.Entry<String, CatalogEntry> entry) {
        CatalogEntry current = entry.getValue();
        CatalogEntry next = current == null ? new CatalogEntry(entry.getKey()) : current.copy();
        CatalogResult outcome = switch (op) {
            case ADD -> add(next);
            case ACTIVATE -> activate(next);
            case REMOVE -> remove(next);
        };
        if (outcome.outcome().changed()) {
            entry.setValue(next.versionMap().isEmpty() ? null : next);
        }
        return outcome;
    }

    private CatalogResult add(CatalogEntry entry) {
        CatalogVersion existing = entry.version(added.version());
        if (existing != null) {
            return existing.sha256().equals(added.sha256())
                    ? CatalogResult.of(Outcome.UNCHANGED)
                    : CatalogResult.of(Outcome.CONFLICT, existing.sha256());
        }
        entry.versionMap().put(added.version(), added);
        if (makeLive || entry.live() == null) {
            entry.live(added.version());
            entry.canary(null, 0);
        }
        return CatalogResult.of(Outcome.ADDED);
    }

    private CatalogResult activate(CatalogEntry entry) {
        if (entry.version(version) == null) {
            return CatalogResult.of(Outcome.UNKNOWN_VERSION, version);
        }
        if (canary != null && entry.version(canary) == null) {
            return CatalogResult.of(Outcome.UNKNOWN_VERSION, canary);
        }
        entry.live(version);
        entry.canary(canary != null && !canary.equals(version) && canaryPercent > 0 ? canary : null, canaryPercent);
        return CatalogResult.of(Outcome.ACTIVATED);
    }

    private CatalogResult remove(CatalogEntry entry) {
        if (version == null) {
            entry.versionMap().clear();
            return CatalogResult.of(Outcome.REMOVED);
        }
        if (entry.version(version) == null) {
            return CatalogResult.of(Outcome.UNKNOWN_VERSION, version);
        }
        if (version.equals(entry.live()) && entry.versionMap().size() > 1) {
            return CatalogResult.of(Outcome.LIVE_VERSION, version);
        }
        entry.versionMap().remove(version);
        if (version.equals(entry.canary())) {
            entry.canary(null, 0);
        }
        return CatalogResult.of(Outcome.REMOVED);
    }

    @Override
    public EntryProcessor<String, CatalogEntry, CatalogResult> getBackupProcessor() {
        return this;
    }

    @Override
    public int getFactoryId() {
        return DeploySerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return DeploySerializerHook.CATALOG_UPDATE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByte(op.ordinal());
        out.writeBoolean(added != null);
        if (added != null) {
            added.writeData(out);
        }
        out.writeBoolean(makeLive);
        out.writeString(version);
        out.writeString(canary);
        out.writeInt(canaryPercent);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        op = Op.values()[in.readByte()];
        if (in.readBoolean()) {
            added = new CatalogVersion();
            added.readData(in);
        }
        makeLive = in.readBoolean();
        version = in.readString();
        canary = in.readString();
        canaryPercent = in.readInt();
    }
}
