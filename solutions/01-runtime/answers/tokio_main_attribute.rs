//! grader: expect pass
//! `#[tokio::main(flavor = "current_thread")]` on `forecast_blocking` writes the runtime
//! code for it; `Station` keeps a multi-threaded `Runtime::new()`.
//! grader: replaces items

/// Today's forecast, for code that is not async. The attribute turns this `async fn`
/// into a plain `fn` that starts a runtime and blocks on the body.
#[tokio::main(flavor = "current_thread")]
pub async fn forecast_blocking() -> String {
    station::fetch_forecast().await
}

/// The station's runtime: multi-threaded, everything enabled.
fn start_runtime() -> Runtime {
    Runtime::new().expect("failed to start a tokio runtime")
}
