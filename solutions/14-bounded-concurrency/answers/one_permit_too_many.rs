//! grader: expect fail twenty_photos_four_at_a_time "5 resizes were in progress at once"
//! grader: expect fail the_limit_comes_from_the_caller "but to 4 rather than 3"
//! grader: expect fail a_slow_photo_does_not_hold_up_the_others "but the limit is 4"
//! grader: expect fail thumbnails_come_back_in_input_order "but the limit is 3"
//! grader: expect fail uneven_photos_in_an_unsorted_list "but the limit is 3"
//! `Semaphore::new(limit + 1)`, counting the caller as if it held a place: one resize more than `limit` at a time.
//! grader: replaces `Semaphore::new(limit)` with `Semaphore::new(limit + 1)`
