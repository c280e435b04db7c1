//! The shape every evaluation prints: a titled list of named figures.

use std::io::Write;

/// How an evaluation prints its figures.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EvalFormat {
    /// A readable table.
    #[default]
    Table,
    /// One JSON object of the figures with plain names.
    Json,
}

/// A figure: a count, or a fraction shown as a percentage in the table.
#[derive(Clone, Debug)]
enum Figure {
    Count(usize),
    Fraction(f64),
    Number(f64),
}

/// Named figures in the order they were added, with an optional detail table.
#[derive(Clone, Debug)]
pub struct Report {
    title: String,
    figures: Vec<(String, Figure)>,
    detail: Option<(Vec<String>, Vec<Vec<String>>)>,
}

impl Report {
    /// An empty report titled `title`.
    pub fn new(title: impl Into<String>) -> Report {
        Report {
            title: title.into(),
            figures: Vec::new(),
            detail: None,
        }
    }
    /// Adds a count (`documents`, `gold`, `predicted`).
    pub fn count(&mut self, name: &str, n: usize) -> &mut Report {
        self.figures.push((name.to_string(), Figure::Count(n)));
        self
    }
    /// Adds a fraction in 0..=1 (`precision`, `uas`).
    pub fn fraction(&mut self, name: &str, x: f64) -> &mut Report {
        self.figures.push((name.to_string(), Figure::Fraction(x)));
        self
    }
    /// Adds `part / whole` as a fraction (0 when `whole` is 0).
    pub fn ratio(&mut self, name: &str, part: usize, whole: usize) -> &mut Report {
        self.fraction(
            name,
            if whole == 0 {
                0.0
            } else {
                part as f64 / whole as f64
            },
        )
    }
    /// Adds precision, recall and F1 named `{prefix}precision`, `{prefix}recall`, `{prefix}f1`.
    pub fn prf(
        &mut self,
        prefix: &str,
        correct: usize,
        predicted: usize,
        gold: usize,
    ) -> &mut Report {
        let p = if predicted == 0 {
            0.0
        } else {
            correct as f64 / predicted as f64
        };
        let r = if gold == 0 {
            0.0
        } else {
            correct as f64 / gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        self.fraction(&format!("{prefix}precision"), p);
        self.fraction(&format!("{prefix}recall"), r);
        self.fraction(&format!("{prefix}f1"), f)
    }
    /// Adds a plain number (`tokens_per_second`, `mean_goldstein`).
    pub fn number(&mut self, name: &str, x: f64) -> &mut Report {
        self.figures.push((name.to_string(), Figure::Number(x)));
        self
    }
    /// Sets a detail table printed under the figures in table form (not in JSON).
    pub fn detail(&mut self, headers: &[&str], rows: Vec<Vec<String>>) -> &mut Report {
        self.detail = Some((headers.iter().map(|h| h.to_string()).collect(), rows));
        self
    }
    /// The figures as one JSON object.
    pub fn to_json(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        for (name, fig) in &self.figures {
            let v = match fig {
                Figure::Count(n) => serde_json::Value::from(*n),
                Figure::Fraction(x) | Figure::Number(x) => serde_json::Value::from(round(*x)),
            };
            map.insert(name.clone(), v);
        }
        serde_json::Value::Object(map)
    }
    /// The readable table.
    pub fn to_table(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .figures
            .iter()
            .map(|(name, fig)| {
                let v = match fig {
                    Figure::Count(n) => n.to_string(),
                    Figure::Fraction(x) => format!("{:.2} %", x * 100.0),
                    Figure::Number(x) => format!("{x:.3}"),
                };
                vec![name.clone(), v]
            })
            .collect();
        let mut out = format!("{}\n\n", self.title);
        out.push_str(&crate::output::table(&["figure", "value"], &rows));
        if let Some((headers, rows)) = &self.detail {
            let headers: Vec<&str> = headers.iter().map(|h| h.as_str()).collect();
            out.push('\n');
            out.push_str(&crate::output::table(&headers, rows));
        }
        out
    }
    /// Prints the report to stdout in `format`.
    pub fn print(&self, format: EvalFormat) -> anyhow::Result<()> {
        let mut out = std::io::stdout().lock();
        match format {
            EvalFormat::Table => out.write_all(self.to_table().as_bytes())?,
            EvalFormat::Json => writeln!(out, "{}", self.to_json())?,
        }
        Ok(())
    }
}

fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_names_and_values() {
        let mut r = Report::new("t");
        r.prf("", 3, 4, 6).count("gold", 6);
        let j = r.to_json();
        assert_eq!(j["precision"], 0.75);
        assert_eq!(j["recall"], 0.5);
        assert_eq!(j["f1"], 0.6);
        assert_eq!(j["gold"], 6);
        assert!(r.to_table().contains("75.00 %"));
    }

    #[test]
    fn empty_counts_give_zero_not_nan() {
        let mut r = Report::new("t");
        r.prf("source_", 0, 0, 0);
        assert_eq!(r.to_json()["source_f1"], 0.0);
    }
}
