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
    p.text(
        "map-source",
        tr("insp.source"),
        &header.source,
        true,
        tr("insp.edit_source"),
        |t| with(&|h| h.source.clone_from(&t)),
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
    options_ui(p, map);

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
        let curve = EmotionCurve::new(
            ids().curve(),
            tr_with("insp.new_curve", &[("n", &n)]),
            PALETTE[(map.curves.len() + 3) % PALETTE.len()],
        );
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
                let lane = Lane::new(ids().lane(), lane_kind_name(kind), kind);
                let index = map.lanes.len();
                p.change = Some((tr("insp.add_lane"), Edit::InsertLane { index, lane }));
            }
        }
    });
}

/// The map's layout options: step numbers, notes on cards, wrapping, and the fixed rows' names.
pub(super) fn options_ui(p: &mut Panel, map: &JourneyMap) {
    let options = &map.options;
    let with = |change: &dyn Fn(&mut MapOptions)| {
        let mut o = options.clone();
        change(&mut o);
        Edit::SetOptions(o)
    };
    p.ui.strong(tr("insp.layout"));
    let mut number = options.number_steps;
    if p.ui
        .checkbox(&mut number, tr("insp.number_steps"))
        .changed()
    {
        p.set(tr("insp.change_layout"), with(&|o| o.number_steps = number));
    }
    let mut notes = options.show_touchpoint_notes;
    if p.ui
        .checkbox(&mut notes, tr("insp.show_touchpoint_notes"))
        .changed()
    {
        p.set(
            tr("insp.change_layout"),
            with(&|o| o.show_touchpoint_notes = notes),
        );
    }
    let label = p.caption(tr("insp.wrap"));
    let mut wrap = options.wrap;
    let words = |w: Wrap| match w {
        Wrap::None => tr("insp.wrap_none").to_owned(),
        Wrap::AfterStages(n) => tr_with("insp.wrap_after", &[("n", &n.to_string())]),
        Wrap::Page(PageShape::A4Landscape) => tr("insp.wrap_a4").to_owned(),
        Wrap::Page(PageShape::A3Landscape) => tr("insp.wrap_a3").to_owned(),
    };
    let after = match wrap {
        Wrap::AfterStages(n) => n,
        _ => 6,
    };
    egui::ComboBox::from_id_salt("map-wrap")
        .selected_text(words(wrap))
        .show_ui(p.ui, |ui| {
            for choice in [
                Wrap::None,
                Wrap::AfterStages(after),
                Wrap::Page(PageShape::A4Landscape),
                Wrap::Page(PageShape::A3Landscape),
            ] {
                let text = words(choice);
                ui.selectable_value(&mut wrap, choice, text);
            }
        })
        .response
        .labelled_by(label.id);
    if let Wrap::AfterStages(n) = options.wrap {
        let stages = p.ui.label(tr("insp.wrap_stages_per_band"));
        p.number(
            "map-wrap-after",
            stages.id,
            n.into(),
            1..=200,
            tr("insp.change_layout"),
            |v| with(&|o| o.wrap = Wrap::AfterStages(u32::try_from(v).unwrap_or(1).max(1))),
        );
    }
    if wrap != options.wrap {
        p.set(tr("insp.change_layout"), with(&|o| o.wrap = wrap));
    }
    p.text(
        "map-touchpoints-name",
        tr("insp.touchpoints_row_name"),
        &options.touchpoints_name,
        false,
        tr("insp.rename_row"),
        |t| with(&|o| o.touchpoints_name = t.trim().to_owned()),
    );
    p.text(
        "map-emotion-name",
        tr("insp.emotion_row_name"),
        &options.emotion_name,
        false,
        tr("insp.rename_row"),
        |t| with(&|o| o.emotion_name = t.trim().to_owned()),
    );
}
