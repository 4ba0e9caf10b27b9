//! Chapter 01 · The runtime: where async code starts.
//!
//! The code the chapter shows, and tests that prove what it says.

use crate::Scene;

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[];
