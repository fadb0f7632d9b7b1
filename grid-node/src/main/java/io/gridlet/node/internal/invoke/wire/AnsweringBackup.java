package io.gridlet.node.internal.invoke.wire;

import com.hazelcast.cluster.Address;
import com.hazelcast.internal.nio.IOUtil;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.impl.operation.EntryBackupOperation;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.util.UUID;

/**
 * The backup of a client's call by key that answers the client once it has applied the change,
 * in place of the key's owner ({@link ChainedAnswers}): the owner sends the change and the answer
 * together, and the answer leaves from where the change is backed up. Hazelcast runs it as any
 * backup, in order with the partition's other backups, after checking that this member still
 * holds the partition's backup; if it does not, the backup does not run, and the owner answers
 * once the backup timeout has passed, as Hazelcast does for a backup that never confirms. Calls on
 * one key written together have one backup, which carries the last value and all their answers.
 */
public final class AnsweringBackup extends EntryBackupOperation {

    private Address owner;
    private Answers answers;

    public AnsweringBackup() {
    }

    AnsweringBackup(String map, Data key, EntryProcessor<?, ?, ?> backup, Address owner, Answers answers) {
        super(map, key, backup);
        this.owner = owner;
        this.answers = answers;
    }

    @Override
    public void afterRunInternal() {
        super.afterRunInternal();
        ChainedAnswers chained = ChainedAnswers.of(getNodeEngine().getHazelcastInstance());
        for (int i = 0; i < answers.count; i++) {
            chained.answer(getNodeEngine(), owner, answers.ids[i], answers.clients[i], answers.correlationIds[i],
                    answers.answers[i]);
        }
    }

    /**
     * The answers a backup sends: one, or those of calls on one key written together (each the
     * owner's sequence to confirm it by, its client, the client's correlation id, and the answer).
     */
    static final class Answers {
        private final long[] ids;
        private final UUID[] clients;
        private final long[] correlationIds;
        private final Data[] answers;
        private int count;

        Answers(int capacity) {
            ids = new long[capacity];
            clients = new UUID[capacity];
            correlationIds = new long[capacity];
            answers = new Data[capacity];
        }

        void add(long id, UUID client, long correlationId, Data answer) {
            ids[count] = id;
            clients[count] = client;
            correlationIds[count] = correlationId;
            answers[count] = answer;
            count++;
        }
    }

    @Override
    public int getFactoryId() {
        return InvokeSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return InvokeSerializerHook.ANSWERING_BACKUP;
    }

    @Override
    protected void writeInternal(ObjectDataOutput out) throws IOException {
        super.writeInternal(out);
        out.writeObject(owner);
        out.writeInt(answers.count);
        for (int i = 0; i < answers.count; i++) {
            out.writeLong(answers.ids[i]);
            out.writeLong(answers.clients[i].getMostSignificantBits());
            out.writeLong(answers.clients[i].getLeastSignificantBits());
            out.writeLong(answers.correlationIds[i]);
            IOUtil.writeData(out, answers.answers[i]);
        }
    }

    @Override
    protected void readInternal(ObjectDataInput in) throws IOException {
        super.readInternal(in);
        owner = in.readObject();
        int count = in.readInt();
        answers = new Answers(count);
        for (int i = 0; i < count; i++) {
            answers.add(in.readLong(), new UUID(in.readLong(), in.readLong()), in.readLong(), IOUtil.readData(in));
        }
    }
}
