//! The position file: what each side of a negotiation stated it wants.
//! Field for field the contract in `docs/position-file.md`.

use serde::{Deserialize, Serialize};

/// The only position file format this version reads and writes.
pub const POSITION_FORMAT: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionFile {
    pub format: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negotiation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "bare_or_some")]
    pub sources: Vec<Source>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "bare_or_some")]
    pub issues: Vec<Issue>,
    pub sides: Vec<Side>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Side {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub represented_by: Option<String>,
    #[serde(default, deserialize_with = "bare_or_some")]
    pub demands: Vec<Demand>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    pub id: String,
    pub issue: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "bare_or_some")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An optional list, written bare (`issues: [...]`) or as `Some([...])`: the spec lets
/// every optional field be written either way, and with `implicit_some` an
/// `Option` accepts both.
fn bare_or_some<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// How much a side insists on a demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    /// A stated red line.
    Core,
    High,
    Medium,
    Low,
}

impl Priority {
    pub const ALL: [Self; 4] = [Self::Core, Self::High, Self::Medium, Self::Low];

    /// As written in files and tables: `Core`, `High`, `Medium`, `Low`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Core => "Core",
            Self::High => "High",
            Self::Medium => "Medium",
            Self::Low => "Low",
        }
    }

    /// The priority a table's cell names, in any case.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Core => "Core (red line)",
            Self::High => "High",
            Self::Medium => "Medium",
            Self::Low => "Low",
        }
    }
}

/// A number or range a demand is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Value {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    pub unit: String,
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = format_number;
        let unit = self.unit.trim();
        match (self.min, self.max) {
            (Some(a), Some(b)) if a == b => write!(f, "{} {unit}", n(a)),
            (Some(a), Some(b)) => write!(f, "{}–{} {unit}", n(a), n(b)),
            (Some(a), None) => write!(f, "at least {} {unit}", n(a)),
            (None, Some(b)) => write!(f, "at most {} {unit}", n(b)),
            (None, None) => write!(f, "{unit}"),
        }
    }
}

impl PositionFile {
    pub fn demand_count(&self) -> usize {
        self.sides.iter().map(|s| s.demands.len()).sum()
    }

    /// Issues in display order: the `issues` list, or where there is none, the
    /// distinct `issue` strings of the demands in order of first appearance.
    pub fn issue_list(&self) -> Vec<Issue> {
        if !self.issues.is_empty() {
            return self.issues.clone();
        }
        self.issues_formed_by_demands()
    }

    /// The issues the demands' distinct `issue` strings form, in order of first
    /// appearance (what a file without an `issues` list has).
    pub fn issues_formed_by_demands(&self) -> Vec<Issue> {
        let mut seen = std::collections::HashSet::new();
        let mut issues = Vec::new();
        for demand in self.sides.iter().flat_map(|s| &s.demands) {
            if seen.insert(demand.issue.as_str()) {
                issues.push(Issue {
                    id: demand.issue.clone(),
                    name: demand.issue.clone(),
                    description: None,
                });
            }
        }
        issues
    }
}

/// Whether two side names name the same party: case and the spaces around do
/// not count ("Ukraine" and "ukraine " are one party, in two rounds or two files).
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A number as people read it: whole numbers with thousands grouped (`12,000`),
/// others with at most nine decimals, so that a difference like 3.67 − 3.5 reads
/// `0.17`, not `0.16999999999999993`.
pub fn format_number(x: f64) -> String {
    let rounded = (x * 1e9).round() / 1e9;
    let x = if rounded.is_finite() { rounded } else { x };
    if x.fract() == 0.0 && x.abs() < 1e15 {
        group_thousands(x)
    } else {
        format!("{x}")
    }
}

/// `12000` as `12,000`: large whole numbers are read at a glance on a projector.
fn group_thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 { format!("-{out}") } else { out }
}

/// A spec date as people read it: `2025-06-02` as "2 June 2025", `2025-06` as
/// "June 2025"; anything else as it is.
pub fn human_date(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = date.split('-').collect();
    let month = |m: &str| m.parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    match parts.as_slice() {
        [y, m] => month(m).map_or_else(|| date.to_owned(), |m| format!("{m} {y}")),
        [y, m, d] => match (month(m), d.parse::<u32>()) {
            (Some(m), Ok(d)) => format!("{d} {m} {y}"),
            _ => date.to_owned(),
        },
        _ => date.to_owned(),
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real month and day.
pub fn is_valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&num(m)),
        [y, m, d] => {
            if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
                return false;
            }
            let (year, month, day) = (num(y), num(m), num(d));
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let days = match month {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&day)
        }
        _ => false,
    }
}
