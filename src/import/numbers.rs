//! Numbers as people type them in spreadsheets, read by the file's convention:
//! `2,5` and `12.000` where the comma is the decimal mark (what Excel writes in a
//! `;`-separated file), `2.5` and `12,000` where the point is. A number may carry
//! its unit in the same cell (`2,5 €`, `30 days`, `$30`, `40 %`), an exponent
//! as a spreadsheet writes it (`1.5E+06`), and, where the row's unit column is
//! empty, a multiplier (`30k`, `2.5M`, `1.2bn`). A cell is never read one way
//! when it could mean another: it is refused with both readings.

/// Which mark separates a number's whole part from its fraction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DecimalMark {
    /// `2,5` is two and a half; `.` groups thousands (`12.000`).
    Comma,
    /// `2.5` is two and a half; `,` groups thousands (`12,000`).
    #[default]
    Point,
}

impl DecimalMark {
    pub fn char(self) -> char {
        match self {
            Self::Comma => ',',
            Self::Point => '.',
        }
    }

    fn group(self) -> char {
        match self {
            Self::Comma => '.',
            Self::Point => ',',
        }
    }

    fn other(self) -> Self {
        match self {
            Self::Comma => Self::Point,
            Self::Point => Self::Comma,
        }
    }

    /// How a message names the convention: "`,` as the decimal mark".
    pub fn described(self) -> String {
        format!("`{}` as the decimal mark", self.char())
    }
}

/// The convention a table's text numbers are read by: a decimal mark, or none
/// known (a workbook's text cells when none was chosen), where a cell that reads
/// differently under the two is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Convention {
    Known(DecimalMark),
    Unknown,
}

/// A number cell read: the number and the unit written beside it, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading<'a> {
    pub value: f64,
    pub unit: Option<&'a str>,
}

/// Why a cell is not read as a number, with what to write instead.
#[derive(Clone, Debug, PartialEq)]
pub enum NumberProblem {
    /// Not a number under either convention.
    NotANumber,
    /// Not a number under the file's convention, but one under the other.
    OtherConvention { mark: DecimalMark, other: f64 },
    /// No convention is known and the two give different numbers.
    TwoReadings { comma: f64, point: f64 },
    /// A range in one cell, `30-40`: the two ends go in two columns.
    Range,
}

/// Characters that group a number's digits whatever the convention: spaces
/// (plain, no-break, narrow no-break) and apostrophes (Swiss).
fn is_neutral_group(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’')
}

fn is_space_group(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// A currency sign, which may stand before a number (`$30`, `€ 2,5`).
fn is_currency(c: char) -> bool {
    matches!(
        c,
        '$' | '€'
            | '£'
            | '¥'
            | '₽'
            | '₴'
            | '₪'
            | '₹'
            | '₩'
            | '₺'
            | '¢'
            | '₦'
            | '₫'
            | '₱'
            | '₸'
            | '₾'
            | '₼'
            | '﷼'
    )
}

/// Splits `text` into a currency prefix, a signed number's characters and what
/// follows. `None` when no digit is where a number would be.
fn split(text: &str) -> Option<(&str, &str, &str)> {
    let text = text.trim();
    let prefix_end = text
        .char_indices()
        .find(|&(_, c)| !is_currency(c))
        .map_or(text.len(), |(i, _)| i);
    let prefix = &text[..prefix_end];
    let rest = text[prefix_end..].trim_start();
    let mut end = 0;
    let mut chars = rest.char_indices().peekable();
    if let Some(&(_, c)) = chars.peek()
        && matches!(c, '-' | '+' | '−')
    {
        chars.next();
        end = c.len_utf8();
    }
    let mut digits = 0;
    while let Some((i, c)) = chars.next() {
        let keep = if c.is_ascii_digit() {
            digits += 1;
            true
        } else if c == '.' || c == ',' || c == '\'' || c == '’' {
            // A mark belongs to the number only when a digit follows it.
            chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit())
        } else if is_space_group(c) {
            // A space groups digits only between digits: "12 000", not "30 days".
            digits > 0 && chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit())
        } else {
            false
        };
        if !keep {
            break;
        }
        end = i + c.len_utf8();
    }
    (digits > 0).then(|| (prefix, &rest[..end], rest[end..].trim_start()))
}

/// The number `body` (sign, digits, marks) under `mark`, `None` when its marks do
/// not fit it: at most one decimal mark, digits grouped in threes after a first
/// group of one to three digits, one kind of grouping.
fn read_body(body: &str, mark: DecimalMark) -> Option<f64> {
    let (negative, digits) = match body.chars().next()? {
        '-' | '−' => (true, &body[body.chars().next()?.len_utf8()..]),
        '+' => (false, &body[1..]),
        _ => (false, body),
    };
    let (whole, fraction) = match digits.split_once(mark.char()) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    if let Some(fraction) = fraction
        && (fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut plain = String::with_capacity(digits.len() + 1);
    if negative {
        plain.push('-');
    }
    if whole.bytes().all(|b| b.is_ascii_digit()) {
        plain.push_str(whole);
    } else {
        // Grouped: one kind of separator, groups of three after the first.
        let separator = whole.chars().find(|c| !c.is_ascii_digit())?;
        let same_kind = |c: char| {
            if is_space_group(separator) {
                is_space_group(c)
            } else {
                c == separator
            }
        };
        if !(separator == mark.group() || is_neutral_group(separator)) {
            return None;
        }
        let mut groups = whole.split(|c: char| !c.is_ascii_digit());
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || first.starts_with('0') {
            return None;
        }
        if !whole.chars().filter(|c| !c.is_ascii_digit()).all(same_kind) {
            return None;
        }
        plain.push_str(first);
        for group in groups {
            if group.len() != 3 {
                return None;
            }
            plain.push_str(group);
        }
    }
    if whole.is_empty() {
        plain.push('0');
    }
    if let Some(fraction) = fraction {
        plain.push('.');
        plain.push_str(fraction);
    }
    plain.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// An exponent right after a number (`E+06`, `e-3`), and what follows it.
fn exponent(suffix: &str) -> Option<(i32, &str)> {
    let rest = suffix.strip_prefix(['e', 'E'])?;
    let digits_at = usize::from(rest.starts_with(['+', '-']));
    let end = rest[digits_at..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(rest.len(), |i| i + digits_at);
    if end == digits_at {
        return None;
    }
    let after = &rest[end..];
    if after.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((rest[..end].parse().ok()?, after.trim_start()))
}

/// A multiplier written after a number (`k` thousand, `M` or `mn` million, `bn`
/// billion), and what follows it.
fn multiplier(suffix: &str) -> Option<(f64, &str)> {
    [("bn", 1e9), ("mn", 1e6), ("k", 1e3), ("K", 1e3), ("M", 1e6)]
        .into_iter()
        .find_map(|(word, factor)| {
            let rest = suffix.strip_prefix(word)?;
            (!rest.starts_with(|c: char| c.is_alphanumeric())).then(|| (factor, rest.trim_start()))
        })
}

/// Reads a number cell under `convention`, with a unit written before it (a
/// currency sign) or after it (`days`, `%`, `€`), and an exponent (`1.5E+06`).
pub fn read_number(text: &str, convention: Convention) -> Result<Reading<'_>, NumberProblem> {
    read_number_with(text, convention, false)
}

/// As [`read_number`]; with `multipliers` (the row's unit column is empty), `k`,
/// `M`, `mn` and `bn` after the number multiply it (`30k` is 30,000).
pub fn read_number_with(text: &str, convention: Convention, multipliers: bool) -> Result<Reading<'_>, NumberProblem> {
    let (prefix, body, suffix) = split(text).ok_or(NumberProblem::NotANumber)?;
    let (power, suffix) = exponent(suffix).unwrap_or((0, suffix));
    let (factor, suffix) = if multipliers {
        multiplier(suffix).unwrap_or((1.0, suffix))
    } else {
        (1.0, suffix)
    };
    let scale = factor * 10f64.powi(power);
    // "30-40", "30–40 days", "30 to 40": a range, which takes two columns.
    let after_dash = suffix
        .strip_prefix(['-', '–', '—'])
        .or_else(|| suffix.strip_prefix("to "));
    if after_dash.is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit())) {
        return Err(NumberProblem::Range);
    }
    let unit = match (prefix.is_empty(), suffix.is_empty()) {
        (true, true) => None,
        (false, true) => Some(prefix),
        (true, false) => {
            let first = suffix.chars().next().unwrap_or(' ');
            let looks_like_unit =
                first.is_alphabetic() || is_currency(first) || matches!(first, '%' | '‰' | '°' | '′' | '″' | '‱' | 'µ');
            if !looks_like_unit {
                return Err(NumberProblem::NotANumber);
            }
            Some(suffix)
        }
        (false, false) => return Err(NumberProblem::NotANumber),
    };
    let reading = |value: f64| {
        let value = value * scale;
        if value.is_finite() {
            Ok(Reading { value, unit })
        } else {
            Err(NumberProblem::NotANumber)
        }
    };
    match convention {
        Convention::Known(mark) => match read_body(body, mark) {
            Some(value) => reading(value),
            None => Err(
                read_body(body, mark.other()).map_or(NumberProblem::NotANumber, |other| {
                    NumberProblem::OtherConvention { mark, other }
                }),
            ),
        },
        Convention::Unknown => match (read_body(body, DecimalMark::Comma), read_body(body, DecimalMark::Point)) {
            (Some(comma), Some(point)) if comma != point => Err(NumberProblem::TwoReadings { comma, point }),
            (Some(value), _) | (None, Some(value)) => reading(value),
            (None, None) => Err(NumberProblem::NotANumber),
        },
    }
}

/// A number as a message writes it: `12000`, `2.5`.
pub fn shown(x: f64) -> String {
    format!("{x}")
}

/// What a problem says about the cell `text`, with what to write instead.
pub fn explain(problem: &NumberProblem, text: &str, where_from: &str) -> String {
    match problem {
        NumberProblem::NotANumber => format!("`{text}` is not a number; write digits such as 30, 2.5 or 12000"),
        NumberProblem::Range => {
            format!("`{text}` is a range; write its low end in value_min and its high end in value_max")
        }
        NumberProblem::OtherConvention { mark, other } => format!(
            "`{text}` is not a number with {} ({where_from}); if it means {}, write {}, or choose the decimal mark (--decimal {})",
            mark.described(),
            shown(*other),
            written(*other, *mark),
            match mark.other() {
                DecimalMark::Comma => "comma",
                DecimalMark::Point => "point",
            }
        ),
        NumberProblem::TwoReadings { comma, point } => format!(
            "`{text}` reads two ways: {} with `,` as the decimal mark, {} with `.`; write it without a thousands separator, or choose the decimal mark (--decimal comma|point)",
            shown(*comma),
            shown(*point)
        ),
    }
}

/// `x` written with `mark` as its decimal mark and no grouping.
fn written(x: f64, mark: DecimalMark) -> String {
    let plain = shown(x);
    match mark {
        DecimalMark::Point => plain,
        DecimalMark::Comma => plain.replace('.', ","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMA: Convention = Convention::Known(DecimalMark::Comma);
    const POINT: Convention = Convention::Known(DecimalMark::Point);

    fn value(text: &str, c: Convention) -> f64 {
        read_number(text, c).unwrap_or_else(|e| panic!("{text}: {e:?}")).value
    }

    #[test]
    fn the_comma_convention_reads_the_comma_as_the_decimal_mark() {
        assert_eq!(value("12.000", COMMA), 12000.0);
        assert_eq!(value("2,5", COMMA), 2.5);
        assert_eq!(value("0,125", COMMA), 0.125);
        assert_eq!(value("1.234.567,89", COMMA), 1_234_567.89);
        assert_eq!(value("1 234,5", COMMA), 1234.5);
        assert_eq!(value("-4", COMMA), -4.0);
        assert_eq!(value("−4,5", COMMA), -4.5);
        assert_eq!(value(",5", COMMA), 0.5);
    }

    #[test]
    fn the_point_convention_reads_the_comma_as_a_thousands_separator() {
        assert_eq!(value("12,000", POINT), 12000.0);
        assert_eq!(value("2.5", POINT), 2.5);
        assert_eq!(value("1,234,567.89", POINT), 1_234_567.89);
        assert_eq!(value("12 000", POINT), 12000.0);
        assert_eq!(value("1'000", POINT), 1000.0);
        assert_eq!(value("+3", POINT), 3.0);
    }

    #[test]
    fn a_unit_in_the_cell_is_read_beside_the_number() {
        let r = read_number("2,5 €", COMMA).expect("reads");
        assert_eq!((r.value, r.unit), (2.5, Some("€")));
        let r = read_number("1,5€", COMMA).expect("reads");
        assert_eq!((r.value, r.unit), (1.5, Some("€")));
        let r = read_number("30 days", POINT).expect("reads");
        assert_eq!((r.value, r.unit), (30.0, Some("days")));
        let r = read_number("$30", POINT).expect("reads");
        assert_eq!((r.value, r.unit), (30.0, Some("$")));
        let r = read_number("40 %", POINT).expect("reads");
        assert_eq!((r.value, r.unit), (40.0, Some("%")));
        let r = read_number("5 060 centrifuges", POINT).expect("reads");
        assert_eq!((r.value, r.unit), (5060.0, Some("centrifuges")));
    }

    #[test]
    fn a_cell_of_the_other_convention_is_refused_with_its_reading() {
        assert_eq!(
            read_number("2.5", COMMA),
            Err(NumberProblem::OtherConvention {
                mark: DecimalMark::Comma,
                other: 2.5
            })
        );
        assert_eq!(
            read_number("0,125", POINT),
            Err(NumberProblem::OtherConvention {
                mark: DecimalMark::Point,
                other: 0.125
            })
        );
        let said = explain(
            &read_number("2.5", COMMA).unwrap_err(),
            "2.5",
            "the file is `;`-separated",
        );
        assert!(said.contains("2,5") && said.contains("--decimal point"), "{said}");
    }

    #[test]
    fn with_no_convention_a_cell_that_reads_two_ways_is_refused() {
        assert_eq!(
            read_number("12.000", Convention::Unknown),
            Err(NumberProblem::TwoReadings {
                comma: 12000.0,
                point: 12.0
            })
        );
        assert_eq!(value("2,5", Convention::Unknown), 2.5);
        assert_eq!(value("12", Convention::Unknown), 12.0);
    }

    #[test]
    fn words_ranges_and_odd_marks_are_not_numbers() {
        for text in ["", "about", "€", "-", "12.3.4,5,6", "1,2,3", "30 40"] {
            assert!(read_number(text, POINT).is_err(), "{text}");
        }
        assert_eq!(read_number("30-40", POINT), Err(NumberProblem::Range));
        assert_eq!(read_number("30 – 40 days", POINT), Err(NumberProblem::Range));
        assert_eq!(read_number("day 30", POINT), Err(NumberProblem::NotANumber));
    }

    #[test]
    fn no_cell_panics() {
        for text in [
            "2,5 €",
            "€",
            "5€€",
            "1,5€",
            "€1,5",
            "٣٠",
            "３０",
            "1,٥",
            "12,€00",
            "\u{202f}1",
        ] {
            let _ = read_number(text, COMMA);
            let _ = read_number(text, POINT);
            let _ = read_number(text, Convention::Unknown);
        }
    }

    #[test]
    fn exponents_and_multipliers_are_numbers_not_units() {
        fn read(text: &'static str, multipliers: bool) -> Result<(f64, Option<&'static str>), NumberProblem> {
            read_number_with(text, POINT, multipliers).map(|r| (r.value, r.unit))
        }
        assert_eq!(read("1.5E+06", false), Ok((1.5e6, None)));
        assert_eq!(read("2e-3 km", false), Ok((0.002, Some("km"))));
        assert_eq!(read("30k", true), Ok((30_000.0, None)));
        assert_eq!(read("2.5M troops", true), Ok((2_500_000.0, Some("troops"))));
        assert_eq!(read("1.2bn", true), Ok((1.2e9, None)));
        // With a unit column, `k` is the cell's own unit, said as such.
        assert_eq!(read("30k", false), Ok((30.0, Some("k"))));
        // A word that starts like an exponent or a multiplier is a unit.
        assert_eq!(read("30 km", true), Ok((30.0, Some("km"))));
        assert_eq!(read("5 euros", false), Ok((5.0, Some("euros"))));
        assert_eq!(read("1e999", false), Err(NumberProblem::NotANumber));
    }
}
