//! The rules a change to positions is held to, those of the position file's
//! contract: words not left empty, ids not taken twice, a demand's issue and
//! source listed, a value's numbers and unit, dates. Said in words a user acts on.

use super::position::{Demand, PositionFile, Source};

/// Why a change was refused, in words a user acts on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ChangeRefused(pub String);

pub(super) fn refuse<T>(message: impl Into<String>) -> Result<T, ChangeRefused> {
    Err(ChangeRefused(message.into()))
}

pub(super) fn place(len: usize, at: usize, what: &str) -> Result<(), ChangeRefused> {
    if at < len {
        Ok(())
    } else {
        refuse(format!("there is no {what} {} (there are {len})", at + 1))
    }
}

/// Whether a demand of the file has this id (a scan, not a set: one edit
/// should not build a set of 20,000 ids).
pub(super) fn has_demand(file: &PositionFile, id: &str) -> bool {
    file.sides.iter().flat_map(|s| &s.demands).any(|d| d.id == id)
}

pub(super) fn check_words(text: &str, what: &str) -> Result<(), ChangeRefused> {
    if text.trim().is_empty() {
        refuse(format!("{what} cannot be empty"))
    } else {
        Ok(())
    }
}

/// The rules the loader holds a demand to (the position file's contract).
pub(super) fn check_demand(file: &PositionFile, demand: &Demand) -> Result<(), ChangeRefused> {
    check_words(&demand.text, "A demand's text")?;
    check_words(&demand.issue, "A demand's issue")?;
    if !file.issues.is_empty() && !file.issues.iter().any(|i| i.id == demand.issue) {
        return refuse(format!("there is no issue `{}`; add it first", demand.issue));
    }
    if let Some(source) = &demand.source
        && !file.sources.iter().any(|s| &s.id == source)
    {
        return refuse(format!("there is no source `{source}`; add it first"));
    }
    if let Some(value) = &demand.value {
        if value.min.is_none() && value.max.is_none() {
            return refuse("a value needs a lowest or a highest number (or both)");
        }
        if value.unit.trim().is_empty() {
            return refuse("a value needs a unit (days, km, troops, EUR…)");
        }
        if let (Some(min), Some(max)) = (value.min, value.max)
            && min > max
        {
            return refuse(format!(
                "the lowest number ({min}) is above the highest ({max}); swap them"
            ));
        }
        if value.min.is_some_and(|x| !x.is_finite()) || value.max.is_some_and(|x| !x.is_finite()) {
            return refuse("a value's numbers must be finite");
        }
    }
    Ok(())
}

pub(super) fn check_source(source: &Source) -> Result<(), ChangeRefused> {
    check_words(&source.title, "A source's title")?;
    if let Some(date) = &source.date {
        check_date(date)?;
    }
    Ok(())
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the position file asks.
pub fn check_date(date: &str) -> Result<(), ChangeRefused> {
    if super::position::is_valid_date(date) {
        Ok(())
    } else {
        refuse(format!(
            "`{date}` is not a date; write it as 2025-06-02, 2025-06 or 2025"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_as_the_file_asks() {
        assert!(check_date("2025").is_ok());
        assert!(check_date("2025-06").is_ok());
        assert!(check_date("2025-06-02").is_ok());
        assert!(check_date("2025-13").is_err());
        assert!(check_date("2 June").is_err());
    }
}
