//! Values on one axis: where demands of different sides on the same issue carry
//! values in the same unit, how far apart their ranges are (a gap between them,
//! or the part they share), stated in words a class can read.

use std::collections::HashMap;

use super::comparison::{Comparison, DemandIx, SideIx};
use super::position::{Value, format_number, same_name};

/// The colour the values of each shown column are drawn in (by the column's
/// place), in the window and in reports alike; not the statuses' colours, which
/// mean something else. Told apart on light and dark backgrounds.
pub const SIDE_RGB: [[u8; 3]; 6] = [
    [25, 113, 194],
    [232, 89, 12],
    [12, 133, 153],
    [112, 72, 232],
    [194, 37, 92],
    [92, 148, 13],
];

/// The colour of `side`'s values: by its place among `columns` (the shown sides).
pub fn side_rgb(columns: &[SideIx], side: SideIx) -> [u8; 3] {
    let place = columns.iter().position(|&s| s == side).unwrap_or(side);
    SIDE_RGB[place % SIDE_RGB.len()]
}

/// How two ranges stand to each other. An absent `min` or `max` is an open end.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Relation {
    /// The ranges are apart by this much (always above zero).
    Gap(f64),
    /// The part both ranges hold; `min == max` where they meet at one number.
    Overlap { min: Option<f64>, max: Option<f64> },
}

/// The relation of two values' ranges (their units are not looked at).
pub fn relation(a: &Value, b: &Value) -> Relation {
    let (a_lo, a_hi) = ends(a);
    let (b_lo, b_hi) = ends(b);
    if a_hi < b_lo {
        Relation::Gap(b_lo - a_hi)
    } else if b_hi < a_lo {
        Relation::Gap(a_lo - b_hi)
    } else {
        let lo = a_lo.max(b_lo);
        let hi = a_hi.min(b_hi);
        Relation::Overlap {
            min: lo.is_finite().then_some(lo),
            max: hi.is_finite().then_some(hi),
        }
    }
}

/// A value's range with open ends as infinities; a lone `min` or `max` is an open range.
fn ends(value: &Value) -> (f64, f64) {
    (
        value.min.unwrap_or(f64::NEG_INFINITY),
        value.max.unwrap_or(f64::INFINITY),
    )
}

/// What makes two units the same: equal after trimming and case folding
/// (`Days` and ` days` are one unit; `days` and `weeks` are never compared).
pub fn unit_key(unit: &str) -> String {
    unit.trim().to_lowercase()
}

/// Two demands of different sides whose values share a unit.
#[derive(Clone, Debug, PartialEq)]
pub struct ValuePair {
    pub a: DemandIx,
    pub b: DemandIx,
    pub relation: Relation,
}

/// The values in one unit on one issue: what one axis shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueAxis {
    pub issue: usize,
    /// The unit as first written.
    pub unit: String,
    /// The demands drawn, in column order, each side's in file order.
    pub points: Vec<DemandIx>,
    /// Pairs of points of sides that are compared, in the order of `points`: the
    /// first [`MAX_PAIRS`] of them.
    pub pairs: Vec<ValuePair>,
    /// How many pairs there are in all (more than `pairs` holds where many sides
    /// state many values on one issue).
    pub pair_count: usize,
}

/// How many pairs of one axis are stated in words at most: beyond a few, a reader
/// looks at the axis instead, and thousands of demands would give millions.
pub const MAX_PAIRS: usize = 200;

impl ValueAxis {
    /// Where a scale for this axis starts and ends: the numbers it must show with
    /// some room on either side, so that no range touches the edge.
    pub fn scale(&self, cmp: &Comparison) -> (f64, f64) {
        let (lo, hi) = self.span(cmp);
        let pad = (hi - lo) * 0.08;
        (lo - pad, hi + pad)
    }

    /// The finite numbers the axis must show (every end of every range), lowest and
    /// highest; never a point, so that a scale can be drawn.
    pub fn span(&self, cmp: &Comparison) -> (f64, f64) {
        let numbers = self
            .points
            .iter()
            .filter_map(|&ix| cmp.demand(ix).value.as_ref())
            .flat_map(|v| [v.min, v.max])
            .flatten();
        let (lo, hi) = numbers.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| (lo.min(x), hi.max(x)));
        if !lo.is_finite() {
            return (0.0, 1.0);
        }
        if hi - lo < f64::EPSILON * lo.abs().max(1.0) {
            let pad = (lo.abs() * 0.5).max(1.0);
            return (lo - pad, hi + pad);
        }
        (lo, hi)
    }
}

/// Whether the values of two sides are compared. Sides of one document are; sides
/// of two documents are unless those documents are rounds of the same talks (a
/// side of one has the name of a side of the other), since then the same party
/// would be set against itself, or against the other party's position of another
/// round. One file per side of the same talks is compared across files.
fn compared(cmp: &Comparison, a: SideIx, b: SideIx, rounds: &HashMap<(usize, usize), bool>) -> bool {
    if a == b || same_name(&cmp.side(a).name, &cmp.side(b).name) {
        return false;
    }
    let (da, db) = (document_of(cmp, a), document_of(cmp, b));
    da == db || !rounds.get(&(da.min(db), da.max(db))).copied().unwrap_or(false)
}

fn document_of(cmp: &Comparison, side: SideIx) -> usize {
    let id = cmp.side_key(side).0;
    cmp.document_index(id).unwrap_or(0)
}

/// For every pair of documents (lower index first), whether they are rounds of the same talks.
fn rounds_of_each_other(cmp: &Comparison) -> HashMap<(usize, usize), bool> {
    let documents = cmp.documents();
    let mut out = HashMap::new();
    for i in 0..documents.len() {
        for j in i + 1..documents.len() {
            let shared = documents[i]
                .data
                .sides
                .iter()
                .any(|a| documents[j].data.sides.iter().any(|b| same_name(&a.name, &b.name)));
            out.insert((i, j), shared);
        }
    }
    out
}

/// The columns of `columns` that belong to the round of document `document`:
/// sides of another round of the same talks (a document sharing side names with
/// it) are left out, so that a value is set against the values of its own round.
pub fn columns_of_round(cmp: &Comparison, columns: &[SideIx], document: usize) -> Vec<SideIx> {
    let rounds = rounds_of_each_other(cmp);
    columns
        .iter()
        .copied()
        .filter(|&side| {
            let Some(other) = cmp.document_index(&cmp.side_document(side).id) else {
                return true;
            };
            other == document
                || !rounds
                    .get(&(other.min(document), other.max(document)))
                    .copied()
                    .unwrap_or(false)
        })
        .collect()
}

/// The axes of one issue for the sides shown as `columns`: one per unit in which
/// at least two compared sides state values, in order of first appearance.
pub fn axes_for_issue(cmp: &Comparison, issue: usize, columns: &[SideIx]) -> Vec<ValueAxis> {
    axes_with(cmp, issue, columns, &rounds_of_each_other(cmp))
}

/// Every issue's axes, in issue order: the "Values" view.
pub fn all_axes(cmp: &Comparison, columns: &[SideIx]) -> Vec<ValueAxis> {
    let rounds = rounds_of_each_other(cmp);
    (0..cmp.issues().len())
        .flat_map(|issue| axes_with(cmp, issue, columns, &rounds))
        .collect()
}

fn axes_with(
    cmp: &Comparison,
    issue: usize,
    columns: &[SideIx],
    rounds: &HashMap<(usize, usize), bool>,
) -> Vec<ValueAxis> {
    // Demands with values, by unit, in column order.
    let mut by_unit: Vec<(String, String, Vec<DemandIx>)> = Vec::new();
    for &side in columns {
        for ix in cmp.demands_on(side, issue) {
            let Some(value) = &cmp.demand(ix).value else {
                continue;
            };
            let key = unit_key(&value.unit);
            match by_unit.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, demands)) => demands.push(ix),
                None => by_unit.push((key, value.unit.trim().to_owned(), vec![ix])),
            }
        }
    }
    let mut axes = Vec::new();
    for (_, unit, demands) in by_unit {
        // Which sides are compared with which, found side by side, not demand by demand.
        let mut sides: Vec<SideIx> = demands.iter().map(|ix| ix.side as usize).collect();
        sides.dedup();
        let matrix: Vec<Vec<bool>> = sides
            .iter()
            .map(|&a| sides.iter().map(|&b| compared(cmp, a, b, rounds)).collect())
            .collect();
        let place = |side: SideIx| sides.iter().position(|&s| s == side).unwrap_or(0);
        let partnered = |side: SideIx| matrix[place(side)].iter().any(|&c| c);
        let points: Vec<DemandIx> = demands.into_iter().filter(|ix| partnered(ix.side as usize)).collect();
        if points.is_empty() {
            continue;
        }
        let count = |side: SideIx| points.iter().filter(|ix| ix.side as usize == side).count();
        let mut pair_count = 0;
        for (i, &a) in sides.iter().enumerate() {
            for (j, &b) in sides.iter().enumerate().skip(i + 1) {
                if matrix[i][j] {
                    pair_count += count(a) * count(b);
                }
            }
        }
        let mut pairs = Vec::new();
        'pairs: for (i, &a) in points.iter().enumerate() {
            for &b in &points[i + 1..] {
                if pairs.len() >= MAX_PAIRS {
                    break 'pairs;
                }
                if !matrix[place(a.side as usize)][place(b.side as usize)] {
                    continue;
                }
                if let (Some(va), Some(vb)) = (&cmp.demand(a).value, &cmp.demand(b).value) {
                    pairs.push(ValuePair {
                        a,
                        b,
                        relation: relation(va, vb),
                    });
                }
            }
        }
        axes.push(ValueAxis {
            issue,
            unit,
            points,
            pairs,
            pair_count,
        });
    }
    axes
}

/// The relation in words: "Ukraine at least 30 days; Russia 2–3 days: a gap of 27 days".
pub fn statement(cmp: &Comparison, pair: &ValuePair) -> String {
    let (Some(va), Some(vb)) = (&cmp.demand(pair.a).value, &cmp.demand(pair.b).value) else {
        return String::new();
    };
    format!(
        "{} {va}; {} {vb}: {}",
        cmp.side_label(pair.a.side as usize),
        cmp.side_label(pair.b.side as usize),
        relation_text(&pair.relation, va, vb)
    )
}

/// "a gap of 27 days", "overlap 10–12 years", "overlap at least 40 days", "the same".
pub fn relation_text(relation: &Relation, a: &Value, b: &Value) -> String {
    let unit = a.unit.trim();
    match *relation {
        Relation::Gap(gap) => format!("a gap of {} {unit}", format_number(gap)),
        Relation::Overlap { .. } if a.min == b.min && a.max == b.max => "the same".to_owned(),
        Relation::Overlap { min, max } if min.is_some() && min == max => {
            format!("they meet at {} {unit}", format_number(min.unwrap_or_default()))
        }
        Relation::Overlap { min: None, max: None } => "overlap everywhere (both ranges are open)".to_owned(),
        Relation::Overlap { min, max } => {
            let shared = Value {
                min,
                max,
                unit: unit.to_owned(),
            };
            format!("overlap {shared}")
        }
    }
}

/// Round numbers for a scale from `lo` to `hi`: steps of 1, 2 or 5 times a power
/// of ten, about five of them.
pub fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    if hi <= lo || !lo.is_finite() || !hi.is_finite() {
        return Vec::new();
    }
    let rough = (hi - lo) / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| (hi - lo) / s <= 6.0)
        .unwrap_or(10.0 * power);
    let mut tick = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while tick <= hi && out.len() < 12 {
        out.push(if tick.abs() < step * 1e-9 { 0.0 } else { tick });
        tick += step;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Relation, relation, relation_text, ticks};
    use crate::model::position::Value;

    fn v(min: Option<f64>, max: Option<f64>) -> Value {
        Value {
            min,
            max,
            unit: "days".into(),
        }
    }

    fn text(a: &Value, b: &Value) -> String {
        relation_text(&relation(a, b), a, b)
    }

    #[test]
    fn an_open_range_and_a_closed_one_apart_give_the_gap_between_their_near_ends() {
        let ukraine = v(Some(30.0), None);
        let russia = v(Some(2.0), Some(3.0));
        assert_eq!(relation(&ukraine, &russia), Relation::Gap(27.0));
        assert_eq!(relation(&russia, &ukraine), Relation::Gap(27.0));
        assert_eq!(text(&ukraine, &russia), "a gap of 27 days");
    }

    #[test]
    fn overlapping_ranges_give_the_shared_part() {
        let a = v(Some(10.0), Some(15.0));
        let b = v(Some(5.0), Some(12.0));
        assert_eq!(text(&a, &b), "overlap 10–12 days");
        assert_eq!(
            text(&v(Some(30.0), None), &v(Some(40.0), None)),
            "overlap at least 40 days"
        );
        assert_eq!(text(&v(None, Some(5.0)), &v(Some(2.0), Some(9.0))), "overlap 2–5 days");
        assert_eq!(text(&v(None, Some(5.0)), &v(None, Some(9.0))), "overlap at most 5 days");
    }

    #[test]
    fn equal_values_are_the_same_and_touching_ranges_meet() {
        assert_eq!(text(&v(Some(3.0), Some(3.0)), &v(Some(3.0), Some(3.0))), "the same");
        assert_eq!(
            text(&v(Some(1.0), Some(3.0)), &v(Some(3.0), Some(8.0))),
            "they meet at 3 days"
        );
    }

    #[test]
    fn differences_of_decimals_read_as_written() {
        let a = v(Some(3.67), Some(3.67));
        let b = v(Some(3.5), Some(3.5));
        assert_eq!(text(&a, &b), "a gap of 0.17 days");
    }

    #[test]
    fn ticks_are_round_numbers_inside_the_range() {
        assert_eq!(ticks(-0.3, 32.3), [0.0, 10.0, 20.0, 30.0]);
        let tenths = ticks(0.0, 1.0);
        assert_eq!(tenths.len(), 6);
        assert!((tenths[3] - 0.6).abs() < 1e-9);
        assert_eq!(ticks(1000.0, 1000.0), Vec::<f64>::new());
        assert!(ticks(5.0, 12_000.0).iter().all(|t| *t >= 5.0 && *t <= 12_000.0));
    }
}
