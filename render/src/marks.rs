//! Selection marks: one small signal per block saying whether it is selected. Changing the
//! selection updates only the blocks whose mark changed; if every block read the selection list
//! instead, each change would re-run (and re-subscribe) every block's chrome.

use std::collections::HashMap;

use cradle_model::NodeId;
use leptos::prelude::*;

/// A block's place in the selection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mark {
    /// Not selected.
    #[default]
    None,
    /// Selected, not the primary block.
    Selected,
    /// The primary (last selected) block: the inspector shows it.
    Primary,
}

impl Mark {
    /// The mark of `id` in `selection` (its last entry is the primary block).
    pub fn of(id: &NodeId, selection: &[NodeId]) -> Mark {
        if selection.last() == Some(id) {
            Mark::Primary
        } else if selection.contains(id) {
            Mark::Selected
        } else {
            Mark::None
        }
    }
}

/// Mark signals by block id, created on first use.
#[derive(Clone, Copy)]
pub struct Marks {
    signals: StoredValue<HashMap<NodeId, ArcRwSignal<Mark>>>,
    selection: RwSignal<Vec<NodeId>>,
}

impl Marks {
    /// Marks following `selection`: one effect diffs each new selection against the last one.
    pub fn new(selection: RwSignal<Vec<NodeId>>) -> Marks {
        let marks = Marks {
            signals: StoredValue::new(HashMap::new()),
            selection,
        };
        Effect::new(move |previous: Option<Vec<NodeId>>| {
            let now = selection.get();
            let touched = previous.iter().flatten().chain(now.iter());
            marks.signals.with_value(|signals| {
                for id in touched {
                    if let Some(signal) = signals.get(id) {
                        let mark = Mark::of(id, &now);
                        if signal.get_untracked() != mark {
                            signal.set(mark);
                        }
                    }
                }
            });
            now
        });
        marks
    }

    /// The mark signal of block `id`.
    pub fn of(&self, id: &NodeId) -> ArcRwSignal<Mark> {
        if let Some(signal) = self.signals.with_value(|s| s.get(id).cloned()) {
            return signal;
        }
        let current = self.selection.with_untracked(|s| Mark::of(id, s));
        let signal = ArcRwSignal::new(current);
        self.signals
            .update_value(|s| _ = s.insert(id.clone(), signal.clone()));
        signal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_selected_block_is_primary() {
        let (a, b, c) = (NodeId::new("a"), NodeId::new("b"), NodeId::new("c"));
        let selection = vec![a.clone(), b.clone()];
        assert_eq!(Mark::of(&a, &selection), Mark::Selected);
        assert_eq!(Mark::of(&b, &selection), Mark::Primary);
        assert_eq!(Mark::of(&c, &selection), Mark::None);
        assert_eq!(Mark::of(&c, &[]), Mark::None);
    }
}
