//! grader: expect fail first_failure_cancels_the_rest "JoinSet::detach_all()"
//! grader: expect fail earliest_failure_wins "JoinSet::detach_all()"
//! A JoinSet that calls `detach_all()` before returning the error, thinking that lets
//! the tasks go quietly: detaching is the opposite of cancelling, and the other
//! roll-outs run on to the end. (`abort_all_then_drain` with `detach_all()` for
//! `abort_all()`: the drain that follows finds the set already empty.)
//! grader: based on abort_all_then_drain
//! grader: replaces `set.abort_all();` with `set.detach_all();`
