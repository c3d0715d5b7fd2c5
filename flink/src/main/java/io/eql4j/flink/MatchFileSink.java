package io.eql4j.flink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes the matches of a bounded job to one local file, one JSON object per line as {@code eql4j run} writes them.
 * Run it with parallelism 1. It writes to {@code FILE.inprogress} and renames that to {@code FILE} when the input
 * has ended, so the file appears whole or not at all; a writer that starts again (after a failure) starts the
 * temporary file again. A bounded file job runs without checkpoints: a failed job is run again from the start.
 */
final class MatchFileSink implements Sink<MatchRecord> {

    private static final long serialVersionUID = 1L;

    private final String output;

    MatchFileSink(Path output) {
        this.output = output.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<MatchRecord> createWriter(WriterInitContext context) throws IOException {
        if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException("the file sink must run with parallelism 1");
        }
        return new Writer(Path.of(output));
    }

    private static final class Writer implements SinkWriter<MatchRecord> {
        private final Path target;
        private final Path temporary;
        private final BufferedWriter out;
        private boolean ended;

        Writer(Path target) throws IOException {
            this.target = target;
            this.temporary = target.resolveSibling(target.getFileName() + ".inprogress");
            this.out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
        }

        @Override
        public void write(MatchRecord match, Context context) throws IOException {
            out.write(match.toJson());
            out.write('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
            ended |= endOfInput;
        }

        @Override
        public void close() throws IOException {
            out.close();
            if (ended) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove the unfinished output " + temporary, e);
                }
            }
        }
    }
}
