//! grader: expect fail runner_keeps_one_event_loop "is gone in the next"
//! `asyncio.run` in a loop: every `run` builds a runtime and drops it, with the tasks
//! spawned on it.
//! grader: based on futures_executor
//! grader: replaces `futures::executor::block_on(future)` with `Builder::new_current_thread().enable_all().build().expect("no runtime").block_on(future)`
