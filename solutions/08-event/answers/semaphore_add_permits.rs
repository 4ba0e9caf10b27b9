//! grader: expect fail second_gun_is_harmless "set() a second time at 2.000s"
//! `set()` adds `Semaphore::MAX_PERMITS` permits, which releases every waiter, but a
//! second `set()` would pass the maximum, and panics.
//! grader: based on semaphore_close
//! grader: replaces `self.gate.close();` with `self.gate.add_permits(Semaphore::MAX_PERMITS);`
//! grader: replaces `self.gate.is_closed()` with `self.gate.available_permits() > 0`
