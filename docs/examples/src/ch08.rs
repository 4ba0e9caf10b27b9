//! Chapter 08 · Event: one signal releases every waiting task.
//!
//! The code the chapter shows, and tests that prove what it says.

use crate::Scene;

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[];
