//! grader: expect fail crunching_shares_the_thread "but late"
//! grader: expect fail crunching_yields_after_every_chunk "the heartbeat ran late"
//! Yields only after every third chunk: the heartbeat runs, but 0.25 s late.
//! grader: based on yield_every_other_chunk
//! grader: replaces `do it every other chunk` with `do it every third chunk`
//! grader: replaces `chunk % 2 == 0` with `chunk % 3 == 0`
