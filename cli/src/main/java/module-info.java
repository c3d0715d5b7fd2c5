/**
 * The {@code eql4j} command line tool: {@code check}, {@code parse}, {@code run} and {@code explain} EQL rules.
 * Its entry point is {@code io.eql4j.cli.Main}; it exports no API.
 */
module io.eql4j.cli {
    requires io.eql4j.engine;
    requires info.picocli;

    opens io.eql4j.cli to info.picocli;
}
