//! The documentation's method table, as data, so the web form and the CLI render the same
//! table the engine places configurations in.

#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use crate::model::{Behaviour, Method};

/// The whole table: two rows (environment, init) by four behaviours.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct MethodTable {
    /// The columns, in the documentation's order.
    pub columns: Vec<MethodColumn>,
    /// The rows, in the documentation's order.
    pub rows: Vec<MethodRow>,
    /// Where the table comes from.
    pub source: String,
}

crate::json_object!(MethodTable { "columns": columns, "rows": rows, "source": source });

/// A column header.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct MethodColumn {
    /// The behaviour this column stands for.
    pub behaviour: Behaviour,
    /// The documentation's heading.
    pub title: String,
}

crate::json_object!(MethodColumn { "behaviour": behaviour, "title": title });

/// A row: one way of asking for resume.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct MethodRow {
    /// The method this row stands for.
    pub method: Method,
    /// The documentation's row heading.
    pub title: String,
    /// The syntax column, e.g. `WANDB_RESUME=`.
    pub syntax: String,
    /// One cell per column, in column order.
    pub cells: Vec<MethodCell>,
}

crate::json_object!(MethodRow {
    "method": method,
    "title": title,
    "syntax": syntax,
    "cells": cells,
});

/// A cell: how to get this behaviour with this method, if the documentation offers one.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct MethodCell {
    /// The behaviour (column).
    pub behaviour: Behaviour,
    /// False where the documentation says "(not available)".
    pub available: bool,
    /// The documented value, e.g. `"allow"`; `null` where not available or where the
    /// documented value is to leave the argument unset.
    pub value: Option<String>,
    /// The cell's text as the documentation prints it.
    pub text: String,
    /// A requirement the documentation states for this cell.
    pub requires: Option<String>,
}

crate::json_object!(MethodCell {
    "behaviour": behaviour,
    "available": available,
    "value": value,
    "text": text,
    "requires": requires,
});

/// Static description of one cell: (behaviour, available, value, text, requires).
type CellSpec = (
    Behaviour,
    bool,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
);

const COLUMNS: [(Behaviour, &str); 4] = [
    (Behaviour::Never, "Never Resume (default)"),
    (Behaviour::Always, "Always Resume"),
    (Behaviour::SpecifyId, "Resume specifying run id"),
    (Behaviour::SameDirectory, "Resume from same directory"),
];

const ENVIRONMENT_CELLS: [CellSpec; 4] = [
    (Behaviour::Never, true, Some("never"), "\"never\"", None),
    (Behaviour::Always, true, Some("must"), "\"must\"", None),
    (
        Behaviour::SpecifyId,
        true,
        Some("allow"),
        "\"allow\" (Requires WANDB_RUN_ID=RUN_ID)",
        Some("WANDB_RUN_ID=RUN_ID"),
    ),
    (
        Behaviour::SameDirectory,
        false,
        None,
        "(not available)",
        None,
    ),
];

const INIT_CELLS: [CellSpec; 4] = [
    (Behaviour::Never, true, None, "", None),
    (Behaviour::Always, false, None, "(not available)", None),
    (
        Behaviour::SpecifyId,
        true,
        Some("RUN_ID"),
        "resume=RUN_ID",
        None,
    ),
    (
        Behaviour::SameDirectory,
        true,
        Some("True"),
        "resume=True",
        None,
    ),
];

fn row(method: Method, title: &str, syntax: &str, cells: &[CellSpec; 4]) -> MethodRow {
    MethodRow {
        method,
        title: title.to_owned(),
        syntax: syntax.to_owned(),
        cells: cells
            .iter()
            .map(
                |&(behaviour, available, value, text, requires)| MethodCell {
                    behaviour,
                    available,
                    value: value.map(str::to_owned),
                    text: text.to_owned(),
                    requires: requires.map(str::to_owned),
                },
            )
            .collect(),
    }
}

/// The documentation's method table.
pub fn method_table() -> MethodTable {
    MethodTable {
        columns: COLUMNS
            .iter()
            .map(|&(behaviour, title)| MethodColumn {
                behaviour,
                title: title.to_owned(),
            })
            .collect(),
        rows: vec![
            row(
                Method::Environment,
                "environment",
                "WANDB_RESUME=",
                &ENVIRONMENT_CELLS,
            ),
            row(Method::Init, "init", "wandb.init(resume=)", &INIT_CELLS),
        ],
        source: "W&B documentation, \"Resuming\" (2020 edition)".to_owned(),
    }
}

/// Whether the documentation's table lists `behaviour` as available for `method`. The
/// `Default` method (nothing set) is the documented default, so it is always available.
pub fn is_documented(method: Method, behaviour: Behaviour) -> bool {
    let cells = match method {
        Method::Environment => &ENVIRONMENT_CELLS,
        Method::Init => &INIT_CELLS,
        Method::Default => return true,
    };
    cells
        .iter()
        .any(|&(b, available, ..)| b == behaviour && available)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_documentation() {
        let t = method_table();
        assert_eq!(t.rows.len(), 2);
        assert!(t.rows.iter().all(|r| r.cells.len() == t.columns.len()));
        // The four "(not available)" / available facts of the documented table.
        assert!(!is_documented(
            Method::Environment,
            Behaviour::SameDirectory
        ));
        assert!(!is_documented(Method::Init, Behaviour::Always));
        assert!(is_documented(Method::Init, Behaviour::SameDirectory));
        assert!(is_documented(Method::Environment, Behaviour::SpecifyId));
        assert_eq!(
            t.rows[0].cells[2].requires.as_deref(),
            Some("WANDB_RUN_ID=RUN_ID")
        );
    }
}
