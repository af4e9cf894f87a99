//! Undo/redo: a bounded list of applied steps, each holding the command and its inverse.
//! Consecutive edits of the same field can be merged into one step (typing a word is one undo).

use std::collections::VecDeque;

use crate::commands::{apply, Applied, Command, CommandError};
use crate::document::Document;

/// Steps kept by default (the issue asks for at least 100).
pub const DEFAULT_LIMIT: usize = 200;

#[derive(Clone, Debug)]
struct Step {
    forward: Command,
    inverse: Command,
    group: Option<String>,
}

/// The editor's undo/redo history.
#[derive(Clone, Debug)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    limit: usize,
}

impl Default for History {
    fn default() -> History {
        History::new(DEFAULT_LIMIT)
    }
}

impl History {
    /// An empty history keeping at most `limit` steps.
    pub fn new(limit: usize) -> History {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            limit: limit.max(1),
        }
    }

    /// Applies `command` and records it; clears the redo list.
    pub fn apply(&mut self, doc: &mut Document, command: Command) -> Result<Applied, CommandError> {
        self.record(doc, command, None)
    }

    /// Like [`History::apply`], but merges with the previous step when both carry the same
    /// `group` (e.g. `"prop:hero:text"` while typing), so one undo reverts the whole run.
    pub fn apply_grouped(
        &mut self,
        doc: &mut Document,
        command: Command,
        group: &str,
    ) -> Result<Applied, CommandError> {
        self.record(doc, command, Some(group.to_owned()))
    }

    fn record(
        &mut self,
        doc: &mut Document,
        command: Command,
        group: Option<String>,
    ) -> Result<Applied, CommandError> {
        let applied = apply(doc, &command)?;
        self.redo.clear();
        match self.undo.back_mut() {
            Some(last) if group.is_some() && last.group == group => last.forward = command,
            _ => {
                self.undo.push_back(Step {
                    forward: command,
                    inverse: applied.inverse.clone(),
                    group,
                });
                if self.undo.len() > self.limit {
                    self.undo.pop_front();
                }
            }
        }
        Ok(applied)
    }

    /// Ends the current merge group, so the next grouped edit starts a new step.
    pub fn seal(&mut self) {
        if let Some(last) = self.undo.back_mut() {
            last.group = None;
        }
    }

    /// Reverts the last step; `None` when there is nothing to undo.
    pub fn undo(&mut self, doc: &mut Document) -> Option<Result<Applied, CommandError>> {
        let step = self.undo.pop_back()?;
        Some(match apply(doc, &step.inverse) {
            Ok(applied) => {
                self.redo.push(Step {
                    group: None,
                    ..step
                });
                Ok(applied)
            }
            Err(e) => Err(e),
        })
    }

    /// Re-applies the last undone step; `None` when there is nothing to redo.
    pub fn redo(&mut self, doc: &mut Document) -> Option<Result<Applied, CommandError>> {
        let step = self.redo.pop()?;
        Some(match apply(doc, &step.forward) {
            Ok(applied) => {
                self.undo.push_back(Step {
                    inverse: applied.inverse.clone(),
                    ..step
                });
                Ok(applied)
            }
            Err(e) => Err(e),
        })
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Steps available to undo.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}
