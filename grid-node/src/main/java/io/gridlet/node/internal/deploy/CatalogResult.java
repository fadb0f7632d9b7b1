package io.gridlet.node.internal.deploy;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/** What a {@link CatalogUpdate} did, and the version or jar it names when it did not apply. */
final class CatalogResult implements IdentifiedDataSerializable {

    /** What an update did. */
    enum Outcome {
        /** The version was added. */
        ADDED,
        /** The same jar was already deployed under the version: nothing changed. */
        UNCHANGED,
        /** Another jar is deployed under the version; {@link #detail()} is its SHA-256. */
        CONFLICT,
        /** The live version (and canary) moved. */
        ACTIVATED,
        /** The version, or every version, was removed. */
        REMOVED,
        /** The version named is not deployed; {@link #detail()} names it. */
        UNKNOWN_VERSION,
        /** The version is live and others remain, so it stays; {@link #detail()} names it. */
        LIVE_VERSION;

        /** Whether the catalog entry changed. */
        boolean changed() {
            return this == ADDED || this == ACTIVATED || this == REMOVED;
        }
    }

    private Outcome outcome;
    private String detail;

    CatalogResult() {
    }

    private CatalogResult(Outcome outcome, String detail) {
        this.outcome = outcome;
        this.detail = detail;
    }

    static CatalogResult of(Outcome outcome) {
        return new CatalogResult(outcome, null);
    }

    static CatalogResult of(Outcome outcome, String detail) {
        return new CatalogResult(outcome, detail);
    }

    Outcome outcome() {
        return outcome;
    }

    /** The SHA-256 of a conflicting jar, or the version an update could not apply to; else {@code null}. */
    String detail() {
        return detail;
    }

    @Override
    public int getFactoryId() {
        return DeploySerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return DeploySerializerHook.CATALOG_RESULT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeByte(outcome.ordinal());
        out.writeString(detail);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        outcome = Outcome.values()[in.readByte()];
        detail = in.readString();
    }

    @Override
    public String toString() {
        return detail == null ? outcome.name() : outcome + " " + detail;
    }
}
