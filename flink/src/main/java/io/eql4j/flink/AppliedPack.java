package io.eql4j.flink;

import java.io.Serializable;

/**
 * A router instance switched to {@code pack}: it routes every event it reads from now on with it. The keyed operator
 * learns the pack from these (from every router instance; it takes the first of each generation), and the
 * acknowledgement of the update is sent once all {@code parallelism} router instances have switched.
 */
record AppliedPack(LivePack pack, int subtask, int parallelism) implements Serializable {
    private static final long serialVersionUID = 1L;
}
