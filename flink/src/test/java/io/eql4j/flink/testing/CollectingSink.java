package io.eql4j.flink.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink for jobs on a mini cluster in the test's JVM: collects what reaches it, mapped to strings, into a list the
 * test reads after the job. Each instance has its own list.
 */
public final class CollectingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Queue<String>> COLLECTED = new ConcurrentHashMap<>();

    /** A serialisable mapping to the collected form. */
    public interface Text<T> extends Function<T, String>, java.io.Serializable {}

    private final String id = UUID.randomUUID().toString();
    private final Text<T> text;

    public CollectingSink(Text<T> text) {
        this.text = text;
        COLLECTED.put(id, new ConcurrentLinkedQueue<>());
    }

    /** What reached the sink so far, in no particular order; the list is then forgotten. */
    public List<String> take() {
        Queue<String> q = COLLECTED.remove(id);
        return q == null ? List.of() : new ArrayList<>(q);
    }

    /** What reached the sink so far (while a job runs), in no particular order; the list is kept. */
    public List<String> sofar() {
        Queue<String> q = COLLECTED.get(id);
        return q == null ? List.of() : new ArrayList<>(q);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Queue<String> q = COLLECTED.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                q.add(text.apply(element));
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
