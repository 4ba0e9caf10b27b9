//! grader: expect fail customer_is_woken_by_the_delivery "was polled 1000 times"
//! grader: expect fail latest_waker_is_the_one_woken "was polled 1000 times"
//! grader: expect fail deliver_stores_before_it_wakes "deliver() returned without waking the waker that came with that poll"
//! `Pickup::poll` asks to be polled again at once (`wake_by_ref`) instead of leaving
//! its waker for the courier: the task is always ready, so the clock can't move.
//! grader: replaces `keep_waker(&mut locker.waiting, cx.waker());` with `cx.waker().wake_by_ref(); // Not there yet: ask to be polled again, and look again then.`
