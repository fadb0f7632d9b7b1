package io.gridlet.node.internal.deploy;

import com.hazelcast.internal.serialization.DataSerializerHook;
import com.hazelcast.nio.serialization.DataSerializableFactory;

/**
 * The wire types of this area (the artifact store, the function catalog and its updates), registered with Hazelcast as its own modules register
 * theirs: listed in {@code META-INF/services/com.hazelcast.DataSerializerHook}, found by every
 * member and client that has grid-node on its class path. Ids are part of the wire format: never
 * reuse or renumber one.
 */
public final class DeploySerializerHook implements DataSerializerHook {

    /** "GRIE". */
    static final int FACTORY_ID = 0x47524945;

    static final int ARTIFACT_RECORD = 5;
    static final int CATALOG_VERSION = 6;
    static final int CATALOG_ENTRY = 7;
    static final int CATALOG_UPDATE = 8;
    static final int RECONCILE_TASK = 9;
    static final int CATALOG_RESULT = 10;

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public DataSerializableFactory createFactory() {
        return typeId -> switch (typeId) {
            case ARTIFACT_RECORD -> new ArtifactRecord();
            case CATALOG_VERSION -> new CatalogVersion();
            case CATALOG_ENTRY -> new CatalogEntry();
            case CATALOG_UPDATE -> new CatalogUpdate();
            case RECONCILE_TASK -> new ReconcileTask();
            case CATALOG_RESULT -> new CatalogResult();
            default -> null;
        };
    }
}
