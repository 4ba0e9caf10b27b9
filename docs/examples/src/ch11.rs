//! Chapter 11 · The event loop: tasks take turns on one thread.
//!
//! The code the chapter shows, and tests that prove what it says.

use crate::Scene;

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[];
