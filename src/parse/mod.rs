//! Parsers, one module per part of a deliberation, plus the shared rules
//! (`trivia`, `dates`, `amounts`, `person`). Each module writes its grammar
//! at the top; `grammar/` gathers them with real examples.

pub mod amounts;
pub mod articles;
pub mod attendance;
pub mod budget_table;
pub mod citations;
pub mod dates;
pub mod header;
pub mod item;
pub mod number;
pub mod person;
pub mod signature;
pub mod transmission;
pub mod trivia;
pub mod vote;
