//! Chapter 18 · graceful shutdown: on Ctrl-C, finish what you started, then exit.
//!
//! The code the chapter shows, and tests that prove what it says.

use crate::Scene;

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[];
