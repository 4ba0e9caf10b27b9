//! Chapter 14 · bounded concurrency: at most N at a time.
//!
//! The code the chapter shows, and tests that prove what it says.

use crate::Scene;

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[];
