//! The map's own panel, shown when nothing on the canvas is selected: its header (title,
//! scenario, expectations, personas), its emotion scale, and its curves and lanes.

use super::scale::scale_ui;
use super::widgets::Panel;
use crate::edit::Edit;
use crate::i18n::{lane_kind_name, tr, tr_with};
use crate::model::*;

/// `ids` hands out the document's fresh ids (never one the document has held before).
pub(super) fn map_ui(p: &mut Panel, map: &JourneyMap, ids: &dyn Fn() -> IdAllocator) {
    let header = &map.header;
    let with = |change: &dyn Fn(&mut Header)| {
        let mut h = header.clone();
        change(&mut h);
        Edit::SetHeader(h)
    };
    p.ui.heading(tr("insp.map"));
    p.text(
        "map-title",
        tr("insp.title"),
        &header.title,
        false,
        tr("insp.edit_title"),
        |t| with(&|h| h.title.clone_from(&t)),
    );
    p.text(
        "map-scenario",
        tr("insp.scenario"),
        &header.scenario,
        true,
        tr("insp.edit_scenario"),
        |t| with(&|h| h.scenario.clone_from(&t)),
    );
    p.text(
        "map-expectations",
        tr("insp.expectations"),
        &header.expectations,
        true,
        tr("insp.edit_expectations"),
        |t| with(&|h| h.expectations.clone_from(&t)),
    );

    p.ui.separator();
    p.ui.strong(tr("insp.personas"));
    for (i, persona) in header.personas.iter().enumerate() {
        let edit = |change: &dyn Fn(&mut Persona)| with(&|h| change(&mut h.personas[i]));
        p.with_id(persona.id, |p| {
            let undo = tr("insp.edit_persona");
            p.text(
                (persona.id, "name"),
                tr("insp.name"),
                &persona.name,
                false,
                undo,
                |t| edit(&|x| x.name.clone_from(&t)),
            );
            p.text(
                (persona.id, "description"),
                tr("insp.description"),
                &persona.description,
                true,
                undo,
                |t| edit(&|x| x.description.clone_from(&t)),
            );
            let goals = persona.goals.join("\n");
            p.text(
                (persona.id, "goals"),
                tr("insp.goals_one_per_line"),
                &goals,
                true,
                undo,
                |t| {
                    let goals: Vec<String> = t
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned)
                        .collect();
                    edit(&|x| x.goals.clone_from(&goals))
                },
            );
            if p.ui.small_button(tr("insp.remove_persona")).clicked() {
                p.set(
                    tr("insp.remove_persona"),
                    with(&|h| {
                        h.personas.remove(i);
                    }),
                );
            }
        });
        p.ui.add_space(6.0);
    }
    if p.ui.button(tr("insp.add_persona")).clicked() {
        let persona = Persona {
            id: ids().persona(),
            name: tr("insp.new_persona").into(),
            description: String::new(),
            goals: Vec::new(),
        };
        p.set(
            tr("insp.add_persona"),
            with(&|h| h.personas.push(persona.clone())),
        );
    }

    p.ui.separator();
    scale_ui(p, &map.scale);

    p.ui.separator();
    p.ui.strong(tr("insp.curves"));
    for curve in &map.curves {
        p.horizontal(|p| {
            let c = egui::Color32::from_rgb(curve.colour.r, curve.colour.g, curve.colour.b);
            p.ui.colored_label(c, "━");
            p.ui.label(&curve.name);
            if p.ui.small_button(tr("insp.remove")).clicked() {
                p.set(
                    tr("insp.remove_curve"),
                    Edit::RemoveCurve { curve: curve.id },
                );
            }
        });
    }
    if p.ui.button(tr("insp.add_curve")).clicked() {
        let n = (map.curves.len() + 1).to_string();
        let curve = EmotionCurve {
            id: ids().curve(),
            name: tr_with("insp.new_curve", &[("n", &n)]),
            colour: PALETTE[(map.curves.len() + 3) % PALETTE.len()],
            persona: None,
            scores: Default::default(),
        };
        let index = map.curves.len();
        p.set(tr("insp.add_curve"), Edit::InsertCurve { index, curve });
    }

    p.ui.separator();
    p.ui.strong(tr("insp.lanes"));
    for lane in &map.lanes {
        p.horizontal(|p| {
            p.ui.label(format!("{} · {}", lane.name, lane_kind_name(lane.kind)));
            if p.ui.small_button(tr("insp.remove")).clicked() {
                p.set(tr("insp.remove_lane"), Edit::RemoveLane { lane: lane.id });
            }
        });
    }
    p.ui.horizontal_wrapped(|ui| {
        for &kind in LaneKind::ALL {
            if ui
                .small_button(format!("+ {}", lane_kind_name(kind)))
                .clicked()
            {
                let lane = Lane {
                    id: ids().lane(),
                    name: lane_kind_name(kind).to_owned(),
                    kind,
                    notes: Default::default(),
                    locked: false,
                };
                let index = map.lanes.len();
                p.change = Some((tr("insp.add_lane"), Edit::InsertLane { index, lane }));
            }
        }
    });
}
