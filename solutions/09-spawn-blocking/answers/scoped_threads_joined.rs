//! grader: expect fail reports_render_side_by_side "the heartbeat task went unanswered"
//! `render_all` renders on threads of its own with `std::thread::scope`, like `with ThreadPoolExecutor() as pool:`: the reports render side by side, but the scope joins its threads before it returns, and it does that on the runtime's thread, which it holds for the whole rendering.
//! grader: replaces items

/// Renders every report at once, each on a thread of its own.
pub async fn render_all(names: &[&str]) -> Vec<String> {
    std::thread::scope(|scope| {
        let jobs: Vec<_> = names.iter().map(|name| scope.spawn(move || legacy::render_report(name))).collect();
        jobs.into_iter().map(|job| job.join().expect("render_report panicked")).collect()
    })
}
