//! Agreement figures as CSV, the same from `stances agreement --format csv` and
//! from the window's Copy as CSV: `scope,units,pairable_units,coders,percent_agreement,cohen_kappa,krippendorff_alpha`.

use super::csv_out::{CsvOut, CsvStyle};
use crate::model::reliability::{Agreement, Figure};

/// A figure with four decimals, or nothing (CSV).
fn csv_number(figure: &Figure, scale: f64) -> String {
    figure.map_or_else(|_| String::new(), |x| format!("{:.4}", x * scale))
}

/// The CSV of `rows`: the header, then one line per row, `all` first.
pub fn to_csv(rows: &[(String, Agreement)], style: CsvStyle) -> Result<String, csv::Error> {
    let mut out = CsvOut::new(style);
    out.record([
        "scope",
        "units",
        "pairable_units",
        "coders",
        "percent_agreement",
        "cohen_kappa",
        "krippendorff_alpha",
    ])?;
    for (scope, a) in rows {
        out.record([
            scope.clone(),
            a.units.to_string(),
            a.pairable_units.to_string(),
            a.coders.to_string(),
            csv_number(&a.percent_agreement, 100.0),
            csv_number(&a.cohen_kappa, 1.0),
            csv_number(&a.krippendorff_alpha, 1.0),
        ])?;
    }
    out.finish()
}
