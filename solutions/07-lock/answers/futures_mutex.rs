//! grader: expect pass
//! Another correct answer: the `futures` crate's async `Mutex` (it works on any
//! runtime), its guard held across the payment like tokio's.
//! grader: replaces items

use futures::lock::Mutex;
