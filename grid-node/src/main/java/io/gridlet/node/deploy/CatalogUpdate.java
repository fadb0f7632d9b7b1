package io.gridlet.node.deploy;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridlet.node.internal.GridletSerialization;
import java.io.IOException;
import java.util.Map;

/**
 * The only way the catalog changes: an entry processor on the function's entry, so that adding a
 * version (with its immutability check), moving the live alias and removing a version are each
 * atomic. Deterministic, so the backup replays it as is. Answers with an {@link Outcome} name,
 * followed by a detail for failures.
 */
public final class CatalogUpdate implements EntryProcessor<String, CatalogEntry, String>, IdentifiedDataSerializable {

    enum Op { ADD, ACTIVATE, REMOVE }

    /** What an update did. */
    enum Outcome { ADDED, UNCHANGED, CONFLICT, ACTIVATED, REMOVED, UNKNOWN_VERSION, LIVE_VERSION }

    private Op op;
    private FunctionVersion added;
    private boolean makeLive;
    private String version;
    private String canary;
    private int canaryPercent;

    public CatalogUpdate() {
    }

    static CatalogUpdate add(FunctionVersion version, boolean makeLive) {
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
    public String process(Map.Entry<String, CatalogEntry> entry) {
        CatalogEntry current = entry.getValue();
        CatalogEntry next = current == null ? new CatalogEntry(entry.getKey()) : current.copy();
        String outcome = switch (op) {
            case ADD -> add(next);
            case ACTIVATE -> activate(next);
            case REMOVE -> remove(next);
        };
        if (outcome.startsWith(Outcome.ADDED.name()) || outcome.startsWith(Outcome.ACTIVATED.name())
                || outcome.startsWith(Outcome.REMOVED.name())) {
            entry.setValue(next.versionMap().isEmpty() ? null : next);
        }
        return outcome;
    }

    private String add(CatalogEntry entry) {
        FunctionVersion existing = entry.version(added.version());
        if (existing != null) {
            return existing.sha256().equals(added.sha256())
                    ? Outcome.UNCHANGED.name()
                    : Outcome.CONFLICT.name() + " " + existing.sha256();
        }
        entry.versionMap().put(added.version(), added);
        if (makeLive || entry.live() == null) {
            entry.live(added.version());
            entry.canary(null, 0);
        }
        return Outcome.ADDED.name();
    }

    private String activate(CatalogEntry entry) {
        if (entry.version(version) == null) {
            return Outcome.UNKNOWN_VERSION.name() + " " + version;
        }
        if (canary != null && entry.version(canary) == null) {
            return Outcome.UNKNOWN_VERSION.name() + " " + canary;
        }
        entry.live(version);
        entry.canary(canary != null && !canary.equals(version) && canaryPercent > 0 ? canary : null, canaryPercent);
        return Outcome.ACTIVATED.name();
    }

    private String remove(CatalogEntry entry) {
        if (version == null) {
            entry.versionMap().clear();
            return Outcome.REMOVED.name();
        }
        if (entry.version(version) == null) {
            return Outcome.UNKNOWN_VERSION.name() + " " + version;
        }
        if (version.equals(entry.live()) && entry.versionMap().size() > 1) {
            return Outcome.LIVE_VERSION.name() + " " + version;
        }
        entry.versionMap().remove(version);
        if (version.equals(entry.canary())) {
            entry.canary(null, 0);
        }
        return Outcome.REMOVED.name();
    }

    @Override
    public EntryProcessor<String, CatalogEntry, String> getBackupProcessor() {
        return this;
    }

    @Override
    public int getFactoryId() {
        return GridletSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return GridletSerialization.CATALOG_UPDATE;
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
            added = new FunctionVersion();
            added.readData(in);
        }
        makeLive = in.readBoolean();
        version = in.readString();
        canary = in.readString();
        canaryPercent = in.readInt();
    }
}
