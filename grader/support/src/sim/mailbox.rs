//! (being written)

/// Forgets this module's per-run settings.
pub(crate) fn reset() {}
