//! Journey Map: a desktop editor for customer journey maps.
//!
//! Layers, each using only those before it: [`model`] (plain data) → [`io`] (files) and
//! [`templates`] → [`cli`]. See ARCHITECTURE.md.

pub mod cli;
pub mod io;
pub mod model;
pub mod templates;
