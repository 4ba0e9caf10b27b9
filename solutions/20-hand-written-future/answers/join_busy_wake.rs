//! grader: expect fail both_parcels_arrive_in_one_second "Join2 has no wake-up of its own to arrange"
//! grader: expect fail faster_second_parcel_keeps_its_place "Join2 has no wake-up of its own to arrange"
//! grader: expect fail finished_first_parcel_is_left_alone "Join2 has no wake-up of its own to arrange"
//! Join2 wakes its own task before every Pending: the task is polled again at once,
//! forever, and the paused clock never moves on.
//! grader: replaces `// Whichever future is still pending has arranged its own wake-up through cx.` with `cx.waker().wake_by_ref(); // "Just to be sure we are polled again."`
