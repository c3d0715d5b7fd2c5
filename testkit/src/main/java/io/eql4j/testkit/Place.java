package io.eql4j.testkit;

/** A place in a file, for problems: path, 1-based line and column. */
record Place(String source, int line, int column) {

    TestProblem problem(String message) {
        return new TestProblem(source, line, column, message);
    }

    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
