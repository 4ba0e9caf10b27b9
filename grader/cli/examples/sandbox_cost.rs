//! Prints what the OS sandbox adds to starting a process: the median of 50 starts of
//! `/bin/true`, plain and confined (the sandbox prepared each time, as a checks
//! process gets it).
fn main() {
    let median = |confined: bool| {
        let mut times: Vec<std::time::Duration> = (0..50)
            .map(|_| {
                let dir = std::env::temp_dir().join(format!("sandbox-cost-{}", std::process::id()));
                std::fs::create_dir_all(&dir).unwrap();
                let start = std::time::Instant::now();
                let mut command = std::process::Command::new("/bin/true");
                if confined {
                    grader::sandbox::Sandbox::prepare(std::path::Path::new("/bin/true"), &dir, &dir, None, 5)
                        .unwrap()
                        .confine(&mut command);
                }
                assert!(command.status().unwrap().success());
                let took = start.elapsed();
                let _ = std::fs::remove_dir_all(&dir);
                took
            })
            .collect();
        times.sort();
        times[times.len() / 2]
    };
    let plain = median(false);
    let confined = median(true);
    println!(
        "median start of /bin/true: plain {plain:?}, in the sandbox {confined:?} (+{:?})",
        confined.saturating_sub(plain)
    );
}
