package io.eql4j.bench.seed;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed rule in <b>Esper 9</b>, the EQL-equivalent EPL pattern
 * {@code every a=A -> (b=B(key=a.key) and not A(key=a.key)) where timer:within(60001 msec)} over external
 * (event) time, behind the same hand-written filter as Flink CEP's: the stage logic of {@link SeedShape} decides
 * which events are reads ({@code A}) and calls ({@code B}) and takes their join keys; only those reach Esper, as
 * object-array events holding the key and the event's map. Esper's clock is advanced to each such event's
 * timestamp before it is sent.
 *
 * <p>Semantics as the engine's: {@code not A(key=a.key)} ends a pending read when a newer read of the same pod
 * arrives (the newest read wins), a call completes one read (the pattern instance ends), and
 * {@code timer:within(60001 msec)} keeps a read 60,000 ms inclusive, as {@code maxspan=60s} does (Esper ends the
 * guard when its clock reaches the bound, before an event at that time is seen). A call with several pod names is
 * sent once per distinct name.
 *
 * <p>The EPL is compiled once (Esper compiles to bytecode with Janino, about a second); every pass gets a fresh
 * runtime with the compiled statement deployed, as the other peers get fresh state.
 */
public final class EsperSeedRule {

    static final String EPL = "@name('seed') select a.key as key from pattern "
            + "[every a=A -> (b=B(key=a.key) and not A(key=a.key)) where timer:within(60001 msec)]";

    private static EPCompiled compiled;
    private static final AtomicLong RUNS = new AtomicLong();

    private EsperSeedRule() {}

    private static Configuration configuration() {
        Configuration config = new Configuration();
        config.getRuntime().getThreading().setInternalTimerEnabled(false);
        config.getRuntime().getLogging().setEnableExecutionDebug(false);
        String[] names = {"key", "event"};
        Object[] types = {String.class, Map.class};
        config.getCommon().addEventType("A", names, types);
        config.getCommon().addEventType("B", names, types);
        return config;
    }

    private static synchronized EPCompiled compiled() {
        if (compiled == null) {
            try {
                compiled = EPCompilerProvider.getCompiler().compile(EPL, new CompilerArguments(configuration()));
            } catch (EPCompileException e) {
                throw new IllegalStateException("Esper refused the seed pattern: " + e.getMessage(), e);
            }
        }
        return compiled;
    }

    /** Runs {@code events} (in time order) through a fresh Esper runtime and returns the number of matches. */
    public static long count(List<Map<String, Object>> events, SeedShape shape) {
        EPCompiled epl = compiled();
        EPRuntime runtime = EPRuntimeProvider.getRuntime("eql4j-seed-" + RUNS.incrementAndGet(), configuration());
        try {
            EPStatement statement = runtime.getDeploymentService().deploy(epl).getStatements()[0];
            long[] matches = new long[1];
            statement.addListener((newEvents, oldEvents, stmt, rt) -> matches[0] += newEvents.length);
            EPEventService service = runtime.getEventService();
            service.clockExternal();
            service.advanceTime(0);
            for (Map<String, Object> e : events) {
                boolean call = shape.isCall(e);
                boolean read = shape.isRead(e);
                if (!call && !read) {
                    continue;
                }
                service.advanceTime(shape.timestamp(e));
                if (call) {
                    Object keys = shape.callKeys(e);
                    if (keys instanceof List<?> many) {
                        for (int i = 0; i < many.size(); i++) {
                            if (many.get(i) != null && many.indexOf(many.get(i)) == i) {
                                service.sendEventObjectArray(
                                        new Object[] {many.get(i).toString(), e}, "B");
                            }
                        }
                    } else if (keys != null) {
                        service.sendEventObjectArray(new Object[] {keys.toString(), e}, "B");
                    }
                }
                if (read) {
                    Object key = shape.readKey(e);
                    if (key != null) {
                        service.sendEventObjectArray(new Object[] {key.toString(), e}, "A");
                    }
                }
            }
            return matches[0];
        } catch (EPDeployException e) {
            throw new IllegalStateException("Esper could not deploy the seed pattern: " + e.getMessage(), e);
        } finally {
            runtime.destroy();
        }
    }
}
