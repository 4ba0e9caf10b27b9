//! grader: expect fail customer_is_woken_by_the_delivery "a busy loop, so the check stopped it"
//! grader: expect fail latest_waker_is_the_one_woken "a busy loop, so the check stopped it"
//! grader: expect fail deliver_stores_before_it_wakes "deliver() returned without waking the waker that came with that poll"
//! The pickup wakes its own task before returning Pending: it is polled again and
//! again, and the paused clock can't move on to the delivery.
//! grader: replaces `keep_waker(&mut locker.waiting, cx.waker());` with `cx.waker().wake_by_ref(); // "Poll me again": the task is woken at once, again and again.`
