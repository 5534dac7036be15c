//! The insights panel: what the map says about the experience (see
//! [`crate::model::insights`]), each finding a button that selects it on the canvas and brings
//! it into view. Worked out again only when the map changes.

use super::JourneyMapApp;
use crate::i18n::{tr, tr_with};
use crate::model::insights::{Insights, Named, Point, insights};
use crate::model::*;

/// The analysis of the open map, and the document revision it was made at.
pub struct InsightsCache {
    revision: u64,
    found: Insights,
}

/// How many entries of a long list the panel shows.
const SHOWN: usize = 12;

fn percent(share: f64) -> String {
    crate::i18n::percent(share)
}

impl InsightsCache {
    /// The analysis.
    pub fn found(&self) -> &Insights {
        &self.found
    }
}

impl JourneyMapApp {
    /// The analysis of the open map, worked out again when it changed.
    pub fn insights(&mut self) -> &Insights {
        let revision = self.doc.revision();
        if self
            .insights_cache
            .as_ref()
            .is_none_or(|c| c.revision != revision)
        {
            self.insights_cache = Some(InsightsCache {
                revision,
                found: insights(self.doc.map()),
            });
        }
        &self
            .insights_cache
            .as_ref()
            .expect("the analysis was just made")
            .found
    }

    /// The panel, beside the canvas.
    pub(super) fn insights_panel(&mut self, ui: &mut egui::Ui) {
        self.insights();
        let Some(cache) = &self.insights_cache else {
            return;
        };
        let found = &cache.found;
        let mut go = None;
        egui::Panel::left("insights")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                ui.heading(tr("insights.heading"));
                egui::ScrollArea::vertical().show(ui, |ui| {
                    findings_ui(ui, found, &mut go);
                });
            });
        super::name_resize_handle(ui, "insights");
        if let Some(item) = go {
            self.canvas.selection = [item].into_iter().collect();
            self.canvas.show(item);
        }
    }
}

/// A button naming `point` with its score; a click goes to `item`.
fn point_button(ui: &mut egui::Ui, point: &Point, item: Item, go: &mut Option<Item>) {
    let text = crate::i18n::bracketed(&point.title, &point.score.to_string());
    if ui.add(egui::Button::new(text).truncate()).clicked() {
        *go = Some(item);
    }
}

/// Buttons for the first entries of `named`; a click goes to `item(id)`.
fn named_buttons(
    ui: &mut egui::Ui,
    named: &[Named],
    item: impl Fn(u32) -> Item,
    go: &mut Option<Item>,
) {
    for n in named.iter().take(SHOWN) {
        if ui.add(egui::Button::new(&n.title).truncate()).clicked() {
            *go = Some(item(n.id));
        }
    }
    if named.len() > SHOWN {
        ui.weak(tr_with(
            "insights.more",
            &[("n", &(named.len() - SHOWN).to_string())],
        ));
    }
}

fn findings_ui(ui: &mut egui::Ui, found: &Insights, go: &mut Option<Item>) {
    let caption = |ui: &mut egui::Ui, key: &str| {
        ui.label(egui::RichText::new(tr(key)).small().weak());
    };
    for c in &found.curves {
        let curve = CurveId(c.curve_id);
        ui.separator();
        ui.strong(&c.curve);
        if c.lowest.is_empty() {
            ui.weak(tr("insights.no_scores"));
            continue;
        }
        caption(ui, "insights.weakest");
        for p in &c.lowest {
            point_button(ui, p, p.item(curve), go);
        }
        if let (Some(peak), Some(end)) = (&c.peak, &c.end) {
            caption(ui, "insights.peak");
            point_button(ui, peak, peak.item(curve), go);
            caption(ui, "insights.end");
            point_button(ui, end, end.item(curve), go);
        }
        if let (Some(mean), Some(peak_end)) = (c.mean, c.peak_end) {
            ui.label(tr_with(
                "insights.remembered",
                &[
                    ("peak_end", &format!("{peak_end:.2}")),
                    ("mean", &format!("{mean:.2}")),
                ],
            ));
        }
        if let Some(share) = c.happiness_share {
            ui.label(tr_with("insights.happy", &[("share", &percent(share))]));
        }
        if !c.recoveries.is_empty() {
            caption(ui, "insights.recoveries");
            for r in c.recoveries.iter().take(SHOWN) {
                let text = format!(
                    "{} ({}) → {} ({})",
                    r.from.title, r.from.score, r.to.title, r.to.score
                );
                if ui.add(egui::Button::new(text).truncate()).clicked() {
                    *go = Some(r.to.item(curve));
                }
            }
        }
        if !c.weakest_moment_of_truth.is_empty() {
            caption(ui, "insights.weakest_moment_of_truth");
            for p in &c.weakest_moment_of_truth {
                point_button(ui, p, p.item(curve), go);
            }
        }
        if !c.unscored.is_empty() {
            caption(ui, "insights.unscored");
            named_buttons(ui, &c.unscored, |id| Item::Touchpoint(TouchpointId(id)), go);
        }
    }
    for c in &found.comparisons {
        ui.separator();
        ui.strong(tr_with(
            "insights.compared",
            &[("curve", &c.to), ("other", &c.from)],
        ));
        if c.worse.is_empty() {
            ui.weak(tr("insights.none_worse"));
        } else {
            caption(ui, "insights.worse");
            named_buttons(ui, &c.worse, |id| Item::Touchpoint(TouchpointId(id)), go);
        }
    }
    ui.separator();
    let gaps = &found.gaps;
    if !gaps.empty_stages.is_empty() {
        caption(ui, "insights.empty_stages");
        named_buttons(ui, &gaps.empty_stages, |id| Item::Stage(StageId(id)), go);
    }
    if !gaps.unanswered_pain_points.is_empty() {
        caption(ui, "insights.unanswered");
        named_buttons(
            ui,
            &gaps.unanswered_pain_points,
            |id| Item::Note(NoteId(id)),
            go,
        );
    }
    ui.label(tr_with(
        "insights.moments_of_truth",
        &[("n", &found.moments_of_truth.to_string())],
    ));
    let t = found.courted.map;
    ui.label(tr_with(
        "insights.courted",
        &[
            ("pass", &t.pass.to_string()),
            ("fail", &t.fail.to_string()),
            ("none", &t.not_assessed.to_string()),
        ],
    ));
    for (quality, tally) in &found.courted.qualities {
        if tally.fail > 0
            && let Some(q) = Quality::ALL.iter().find(|q| q.key() == *quality)
        {
            ui.label(tr_with(
                "insights.courted_fails",
                &[
                    ("quality", super::inspector::quality_name(*q)),
                    ("n", &tally.fail.to_string()),
                ],
            ));
        }
    }
    for stage in &found.courted.stages {
        if stage.tally.pass + stage.tally.fail > 0 {
            let text = tr_with(
                "insights.courted_stage",
                &[
                    ("stage", &stage.stage.title),
                    ("pass", &stage.tally.pass.to_string()),
                    ("fail", &stage.tally.fail.to_string()),
                ],
            );
            if ui.add(egui::Button::new(text).truncate()).clicked() {
                *go = Some(Item::Stage(StageId(stage.stage.id)));
            }
        }
    }
}
