use std::fmt;

/// A problem with one input (a file, a JSON Lines line, a feed item). Never fatal for a batch:
/// the reader reports it and goes on with the rest.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct InputError {
    /// The input's name: a path, `-` for standard input, or an id.
    pub input: String,
    /// 1-based line number inside the input, where the input has lines (JSON Lines).
    pub line: Option<usize>,
    /// What is wrong, in words a user can act on.
    pub problem: String,
}

impl InputError {
    pub fn new(input: impl Into<String>, problem: impl Into<String>) -> Self {
        InputError {
            input: input.into(),
            line: None,
            problem: problem.into(),
        }
    }
    pub fn at_line(input: impl Into<String>, line: usize, problem: impl Into<String>) -> Self {
        InputError {
            input: input.into(),
            line: Some(line),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.input, l, self.problem),
            None => write!(f, "{}: {}", self.input, self.problem),
        }
    }
}
