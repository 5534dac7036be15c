//! Journey Map: a desktop editor for customer journey maps.
//!
//! Layers, each using only those before it:
//! [`model`] (plain data) → [`edit`] (changes as commands, undo/redo) → [`layout`] (geometry) →
//! [`paint`] (the one drawing path) → [`canvas`] and [`app`] (interaction, panels, the window).
//! Beside them: [`io`] (files), [`templates`], [`fonts`], [`commands`] (the table of user
//! commands) and [`cli`]. See ARCHITECTURE.md.

#[macro_use]
mod listed;

pub mod app;
pub mod canvas;
pub mod cli;
pub mod commands;
#[warn(missing_docs)]
pub mod edit;
pub mod export;
pub mod fonts;
pub mod formats;
pub mod i18n;
#[warn(missing_docs)]
pub mod io;
#[warn(missing_docs)]
pub mod layout;
#[warn(missing_docs)]
pub mod model;
pub mod paint;
pub mod templates;
