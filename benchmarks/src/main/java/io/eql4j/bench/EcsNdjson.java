package io.eql4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eql4j.bench.stream.EcsStream;
import io.eql4j.rules.Rule;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the rule-pack stream ({@link EcsStream}: mixed Windows, Linux and macOS process, file, network, registry,
 * library, authentication and other ECS events, with literals of the corpus's rules and staged sequences) as an
 * NDJSON file, one event per line in time order, for measuring {@code eql4j run} end to end:
 *
 * <pre>
 * java -Xmx8g -cp benchmarks/target/benchmarks.jar io.eql4j.bench.EcsNdjson ecs-200k.ndjson 200000
 * java -Xmx8g -cp benchmarks/target/benchmarks.jar io.eql4j.bench.EcsNdjson ecs-1m-shuffled.ndjson 1000000 --shuffle
 * </pre>
 *
 * {@code --shuffle} writes the lines in a seeded random order (the events and their timestamps unchanged). The
 * corpus is read from {@code -Deql4j.shared.dir} or {@code ../shared}, as the benchmarks read it. The same
 * arguments give the same file.
 */
public final class EcsNdjson {

    private EcsNdjson() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: EcsNdjson OUT.ndjson EVENTS [--shuffle]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int events = Integer.parseInt(args[1]);
        boolean shuffle = args.length > 2 && args[2].equals("--shuffle");
        List<Rule> corpus = Corpus.load(Corpus.sharedDir(""));
        List<Map<String, Object>> stream = EcsStream.generate(corpus, events, RuleSubsets.STREAM_SEED);
        if (shuffle) {
            stream = new ArrayList<>(stream);
            Collections.shuffle(stream, new Random(RuleSubsets.STREAM_SEED));
        }
        long bytes = write(stream, out);
        System.out.println(out + ": " + events + " events, " + bytes + " bytes" + (shuffle ? ", shuffled" : ""));
    }

    /** Writes {@code events} to {@code out}, one JSON object per line; returns the file's size. */
    public static long write(List<Map<String, Object>> events, Path out) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            for (Map<String, Object> e : events) {
                os.write(mapper.writeValueAsBytes(e));
                os.write('\n');
            }
        }
        return Files.size(out);
    }
}
