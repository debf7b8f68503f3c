//! The printed result: every figure beside its yardstick, its goal from the scale issue, and
//! pass or FAIL. A figure that could not be measured says why and counts as a FAIL.

/// A measured value, or why there is none (e.g. "did not finish in 600 s").
pub type Figure = Result<f64, String>;

/// The median of the measured values; the first miss when nothing was measured.
pub fn median(values: &[Figure]) -> Figure {
    let mut measured: Vec<f64> = values
        .iter()
        .filter_map(|v| v.as_ref().ok().copied())
        .collect();
    if measured.is_empty() {
        return Err(values
            .iter()
            .find_map(|v| v.as_ref().err().cloned())
            .unwrap_or_else(|| "not measured".into()));
    }
    measured.sort_by(f64::total_cmp);
    Ok(measured[measured.len() / 2])
}

/// The largest measured value (a miss wins: it is worse than any figure).
pub fn worst(values: &[Figure]) -> Figure {
    if let Some(miss) = values.iter().find_map(|v| v.as_ref().err()) {
        return Err(miss.clone());
    }
    median(values).map(|_| values.iter().flatten().copied().fold(f64::MIN, f64::max))
}

/// How a figure is written.
#[derive(Clone, Copy)]
pub enum Unit {
    /// Milliseconds.
    Ms,
    /// Bytes.
    Bytes,
}

/// A figure written in its unit.
pub fn show(figure: &Figure, unit: Unit) -> String {
    match (figure, unit) {
        (Err(why), _) => why.clone(),
        (Ok(ms), Unit::Ms) if *ms >= 10_000.0 => format!("{:.1} s", ms / 1000.0),
        (Ok(ms), Unit::Ms) if *ms >= 1_000.0 => format!("{:.2} s", ms / 1000.0),
        (Ok(ms), Unit::Ms) => format!("{ms:.0} ms"),
        (Ok(bytes), Unit::Bytes) if *bytes >= 1e9 => format!("{:.2} GB", bytes / 1e9),
        (Ok(bytes), Unit::Bytes) => format!("{:.0} MB", bytes / 1e6),
    }
}

/// "pass (1.08×)" when `value ≤ factor × base`, "FAIL (…)" otherwise or when either is missing.
pub fn ratio_verdict(value: &Figure, base: &Figure, factor: f64) -> String {
    match (value, base) {
        (Ok(v), Ok(b)) if *b > 0.0 => {
            let ratio = v / b;
            let word = if ratio <= factor { "pass" } else { "FAIL" };
            format!("{word} ({ratio:.2}×)")
        }
        _ => "FAIL (not measured)".into(),
    }
}

/// "pass" when `value ≤ limit`, "FAIL" otherwise or when it is missing.
pub fn limit_verdict(value: &Figure, limit: f64) -> String {
    match value {
        Ok(v) if *v <= limit => "pass".into(),
        Ok(_) => "FAIL".into(),
        Err(_) => "FAIL (not measured)".into(),
    }
}

/// One printed line: a figure in two columns, its goal and its verdict.
pub struct Row {
    /// What was measured.
    pub figure: String,
    /// The two columns (bare and app, or 5k and 100k).
    pub columns: [String; 2],
    /// The goal, in words.
    pub goal: String,
    /// pass / FAIL, with the ratio.
    pub verdict: String,
}

/// Prints a titled table of rows, with the two column headings given.
#[allow(clippy::print_stdout)]
pub fn print_table(title: &str, headings: [&str; 2], rows: &[Row]) {
    let widths = [44, 24, 24, 36];
    println!("\n{title}");
    println!(
        "{:<w0$} {:<w1$} {:<w2$} {:<w3$} verdict",
        "figure",
        headings[0],
        headings[1],
        "goal",
        w0 = widths[0],
        w1 = widths[1],
        w2 = widths[2],
        w3 = widths[3]
    );
    println!("{}", "-".repeat(widths.iter().sum::<usize>() + 12));
    for row in rows {
        println!(
            "{:<w0$} {:<w1$} {:<w2$} {:<w3$} {}",
            row.figure,
            row.columns[0],
            row.columns[1],
            row.goal,
            row.verdict,
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3]
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_figure_fails_its_goal_and_says_why() {
        let missing: Figure = Err("did not finish in 600 s".into());
        assert_eq!(
            ratio_verdict(&missing, &Ok(10.0), 1.2),
            "FAIL (not measured)"
        );
        assert_eq!(show(&missing, Unit::Ms), "did not finish in 600 s");
        assert_eq!(worst(&[Ok(1.0), missing.clone()]), missing);
        assert_eq!(median(&[Ok(3.0), Ok(1.0), Ok(2.0)]), Ok(2.0));
        assert_eq!(ratio_verdict(&Ok(11.0), &Ok(10.0), 1.15), "pass (1.10×)");
    }
}
