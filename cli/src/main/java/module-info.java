/**
 * The {@code eql4j} command line tool: {@code check}, {@code parse}, {@code run}, {@code test} and
 * {@code explain} EQL rules; {@code demo}, {@code help} and {@code version}.
 * Its entry point is {@code io.eql4j.cli.Main}; it exports no API.
 */
module io.eql4j.cli {
    requires io.eql4j.engine;
    requires io.eql4j.testkit;
    requires info.picocli;

    opens io.eql4j.cli to
            info.picocli;
}
