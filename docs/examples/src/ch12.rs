//! Chapter 12 · timeouts: give up in time, retry with backoff, clean up when cancelled.
//!
//! The code the chapter shows, and tests that prove what it says.

use crate::Scene;

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[];
