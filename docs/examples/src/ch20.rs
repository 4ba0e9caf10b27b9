//! Chapter 20 · A future by hand: `poll`, `Pin` and the `Waker`.
//!
//! The code the chapter shows, and tests that prove what it says.

use crate::Scene;

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[];
