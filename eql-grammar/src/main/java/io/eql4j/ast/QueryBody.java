package io.eql4j.ast;

/** What a {@link Query} searches for: single events, sequences of events, or samples. */
public sealed interface QueryBody extends Node permits EventQuery, SequenceQuery, SampleQuery {}
