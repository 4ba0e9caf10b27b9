//! Chapter 17 · Send bounds: what a spawned task may hold across an `.await`.
//!
//! The code the chapter shows, and tests that prove what it says.

use crate::Scene;

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[];
