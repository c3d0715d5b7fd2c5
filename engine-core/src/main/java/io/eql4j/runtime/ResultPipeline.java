package io.eql4j.runtime;

import io.eql4j.internal.plan.LimitedResults;
import io.eql4j.internal.plan.ResultLimit;

/** A rule's result limits over its matches (see {@link LimitedResults}, which it is). */
final class ResultPipeline extends LimitedResults<Match> {

    ResultPipeline(ResultLimit resultLimit, MatchListener out) {
        super(resultLimit, out::onMatch);
    }
}
