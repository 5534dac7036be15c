//! The SVG writer, shape by shape: each test draws shapes and reads the elements back.

use super::text::{FONT_FAMILY, MONOSPACE_FAMILY};
use super::xml::num;
use super::*;
use egui::epaint::{
    CircleShape, CornerRadius, CubicBezierShape, Mesh, PathShape, PathStroke, QuadraticBezierShape,
    RectShape, Shape, Stroke, StrokeKind,
};
use egui::{Align2, Context, FontId, RawInput};
use egui::{pos2, vec2};

fn picture() -> Vec2 {
    vec2(200.0, 100.0)
}

fn svg_of(shapes: Vec<Shape>) -> String {
    let clipped: Vec<ClippedShape> = shapes
        .into_iter()
        .map(|s| ClippedShape::new(Rect::EVERYTHING, s))
        .collect();
    shapes_to_svg(&clipped, picture(), None, "", &PictureSettings::default())
}

/// The start tags (as written, with their attributes) of the elements named `name`, found by
/// an XML parser, which also checks that the document is well-formed.
fn elements<'a>(svg: &'a str, name: &str) -> Vec<&'a str> {
    let document = roxmltree::Document::parse(svg).expect("well-formed XML");
    document
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .map(|n| {
            let source = &svg[n.range()];
            // Attribute values escape `>`, so the first one ends the start tag.
            &source[..=source.find('>').expect("a start tag ends")]
        })
        .collect()
}

/// The value of `attribute` in the start tag `tag`, as written.
fn attr<'a>(tag: &'a str, attribute: &str) -> Option<&'a str> {
    let name = tag[1..]
        .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .next()
        .expect("a name");
    let element = if tag.ends_with("/>") {
        tag.to_owned()
    } else {
        format!("{tag}</{name}>")
    };
    let document = roxmltree::Document::parse(&element).expect("a well-formed tag");
    let element = document.root_element();
    let found = match attribute.strip_prefix("xml:") {
        Some(local) => element.attribute_node(("http://www.w3.org/XML/1998/namespace", local)),
        None => element.attribute_node(attribute),
    }?;
    Some(&tag[found.range_value()])
}

/// The contents of the `<text>` elements, as written (escaped).
fn texts(svg: &str) -> Vec<&str> {
    let document = roxmltree::Document::parse(svg).expect("well-formed XML");
    document
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "text")
        .map(|n| {
            let source = &svg[n.range()];
            let content = &source[source.find('>').expect("a start tag ends") + 1..];
            &content[..content.rfind("</text>").expect("an end tag")]
        })
        .collect()
}

fn map_from_svg(svg: &str) -> String {
    crate::io::from_svg(svg.as_bytes())
        .expect("the map is found")
        .text
}

#[test]
fn metadata_round_trip_is_byte_exact() {
    let tricky = [
        "",
        "(title: \"旅程地图\", note: r#\"she said \"hi\" & 'left'\"#)",
        "]]> &amp; &lt; <b>bold</b> </jm:map> <![CDATA[x]]>",
        "lines\nwith\r\nendings\rand\ttabs  \n",
        "emoji 👍🏽🇫🇷 and 中文，标点？ and application/vnd.journeymap+ron",
    ];
    let settings = PictureSettings::default();
    for map in tricky {
        let svg = shapes_to_svg(&[], picture(), Some(Color32::WHITE), map, &settings);
        assert_eq!(map_from_svg(&svg), map, "{svg}");
        let metadata = &svg[svg.find("<metadata>").expect("metadata")..];
        let content = &metadata[metadata.find('>').expect("tag") + 1..];
        let content = &content[content.find('>').expect("tag") + 1..];
        let content = &content[..content.find("</jm:map>").expect("end")];
        assert!(!content.contains(['<', '"', '\'', '\r']), "{content}");
    }
    assert!(
        shapes_to_svg(&[], picture(), None, "x", &settings).contains(
            r#"<metadata><jm:map xmlns:jm="urn:journeymap" type="application/vnd.journeymap+ron" picture="scale=2 background=white theme=light">x</jm:map></metadata>"#
        )
    );
}

#[test]
fn control_characters_in_a_map_survive_the_svg() {
    let map = crate::model::JourneyMap::blank("control \u{1} \u{1f} \u{fffe}");
    let ron = crate::io::to_ron(&map);
    let svg = shapes_to_svg(&[], picture(), None, &ron, &PictureSettings::default());
    assert_eq!(map_from_svg(&svg), ron);
    assert_eq!(
        crate::io::from_ron(&map_from_svg(&svg)).expect("loads"),
        map
    );
}

#[test]
fn document_has_the_root_size_and_background() {
    let svg = shapes_to_svg(
        &[],
        vec2(640.5, 480.0),
        Some(Color32::from_rgb(1, 2, 3)),
        "",
        &PictureSettings::default(),
    );
    assert!(svg.contains(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="640.5" height="480" viewBox="0 0 640.5 480">"#
    ));
    assert!(svg.contains(r##"<rect width="640.5" height="480" fill="#010203"/>"##));
    assert!(svg.trim_end().ends_with("</svg>"));
    let transparent = shapes_to_svg(
        &[],
        vec2(640.5, 480.0),
        None,
        "",
        &PictureSettings::default(),
    );
    assert!(elements(&transparent, "rect").is_empty());
}

#[test]
fn rect_strokes_follow_the_stroke_kind() {
    let rect = Rect::from_min_max(pos2(10.0, 10.0), pos2(90.0, 50.0));
    let stroke = Stroke::new(2.0, Color32::BLACK);
    let fill = Color32::from_rgb(0xff, 0x80, 0x00);
    let svg = svg_of(vec![
        Shape::Rect(RectShape::new(rect, 6, fill, stroke, StrokeKind::Inside)),
        Shape::Rect(RectShape::new(rect, 6, fill, stroke, StrokeKind::Middle)),
        Shape::Rect(RectShape::new(rect, 6, fill, stroke, StrokeKind::Outside)),
    ]);
    let rects = elements(&svg, "rect");
    assert_eq!(rects.len(), 3, "{svg}");
    // Each <rect> is the stroke's centre line; the opaque stroke hides the fill under it.
    let expected = [
        ("11", "11", "78", "38", "5"),
        ("10", "10", "80", "40", "6"),
        ("9", "9", "82", "42", "7"),
    ];
    for (tag, (x, y, w, h, rx)) in rects.iter().zip(expected) {
        assert_eq!(attr(tag, "x"), Some(x), "{tag}");
        assert_eq!(attr(tag, "y"), Some(y), "{tag}");
        assert_eq!(attr(tag, "width"), Some(w), "{tag}");
        assert_eq!(attr(tag, "height"), Some(h), "{tag}");
        assert_eq!(attr(tag, "rx"), Some(rx), "{tag}");
        assert_eq!(attr(tag, "fill"), Some("#ff8000"), "{tag}");
        assert_eq!(attr(tag, "stroke"), Some("#000000"), "{tag}");
        assert_eq!(attr(tag, "stroke-width"), Some("2"), "{tag}");
    }
}

#[test]
fn translucent_stroke_and_fill_do_not_overlap() {
    let rect = Rect::from_min_max(pos2(10.0, 10.0), pos2(90.0, 50.0));
    let stroke = Stroke::new(4.0, Color32::from_black_alpha(128));
    let svg = svg_of(vec![Shape::Rect(RectShape::new(
        rect,
        0,
        Color32::WHITE,
        stroke,
        StrokeKind::Inside,
    ))]);
    let rects = elements(&svg, "rect");
    assert_eq!(rects.len(), 2, "{svg}");
    // The fill stops at the stroke's inner edge; the stroke follows its centre line.
    assert_eq!(attr(rects[0], "x"), Some("14"));
    assert_eq!(attr(rects[0], "width"), Some("72"));
    assert_eq!(attr(rects[0], "stroke"), None);
    assert_eq!(attr(rects[1], "x"), Some("12"));
    assert_eq!(attr(rects[1], "width"), Some("76"));
    assert_eq!(attr(rects[1], "fill"), Some("none"));
    assert_eq!(attr(rects[1], "stroke-opacity"), Some("0.5"));
    assert_eq!(attr(rects[0], "rx"), None, "square corners have no rx");
}

#[test]
fn uneven_corners_become_a_path_with_arcs() {
    let rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(40.0, 20.0));
    let corners = CornerRadius {
        nw: 4,
        ne: 4,
        sw: 0,
        se: 0,
    };
    let svg = svg_of(vec![Shape::Rect(RectShape::filled(
        rect,
        corners,
        Color32::RED,
    ))]);
    let paths = elements(&svg, "path");
    assert_eq!(paths.len(), 1, "{svg}");
    assert_eq!(
        attr(paths[0], "d"),
        Some("M4 0 H36 A4 4 0 0 1 40 4 V20 H0 V4 A4 4 0 0 1 4 0 Z")
    );
}

#[test]
fn circle_line_and_curves() {
    let svg = svg_of(vec![
        Shape::circle_filled(pos2(50.0, 40.0), 10.0, Color32::BLUE),
        Shape::Circle(CircleShape {
            center: pos2(20.0, 20.0),
            radius: 5.0,
            fill: Color32::TRANSPARENT,
            stroke: Stroke::new(2.0, Color32::GREEN),
        }),
        Shape::line_segment([pos2(0.0, 0.0), pos2(100.5, 50.25)], (1.5, Color32::BLACK)),
        Shape::CubicBezier(CubicBezierShape::from_points_stroke(
            [
                pos2(10.0, 10.0),
                pos2(20.0, 0.0),
                pos2(30.0, 20.0),
                pos2(40.0, 10.0),
            ],
            false,
            Color32::TRANSPARENT,
            PathStroke::new(2.5, Color32::RED),
        )),
        Shape::QuadraticBezier(QuadraticBezierShape::from_points_stroke(
            [pos2(0.0, 0.0), pos2(5.0, 10.0), pos2(10.0, 0.0)],
            true,
            Color32::WHITE,
            Stroke::NONE,
        )),
    ]);
    let circles = elements(&svg, "circle");
    assert_eq!(circles.len(), 2, "{svg}");
    assert_eq!(
        circles[0],
        r##"<circle cx="50" cy="40" r="10" fill="#0000ff"/>"##
    );
    // epaint strokes circles outside: the centre line is a radius of 5 + 1.
    assert_eq!(
        circles[1],
        r##"<circle cx="20" cy="20" r="6" fill="none" stroke="#00ff00" stroke-width="2"/>"##
    );
    assert_eq!(
        elements(&svg, "line"),
        [r##"<line x1="0" y1="0" x2="100.5" y2="50.25" stroke="#000000" stroke-width="1.5"/>"##]
    );
    let paths = elements(&svg, "path");
    assert_eq!(paths.len(), 2, "{svg}");
    assert_eq!(attr(paths[0], "d"), Some("M10 10 C20 0 30 20 40 10"));
    assert_eq!(attr(paths[0], "fill"), Some("none"));
    assert_eq!(attr(paths[0], "stroke"), Some("#ff0000"));
    assert_eq!(attr(paths[0], "stroke-width"), Some("2.5"));
    assert_eq!(attr(paths[1], "d"), Some("M0 0 Q5 10 10 0 Z"));
    assert_eq!(attr(paths[1], "fill"), Some("#ffffff"));
}

#[test]
fn paths_vec_mesh_and_nothing() {
    let triangle = vec![pos2(0.0, 0.0), pos2(10.0, 0.0), pos2(10.0, 10.0)];
    let mut mesh = Mesh::default();
    mesh.add_colored_rect(
        Rect::from_min_max(pos2(1.0, 1.0), pos2(3.0, 2.0)),
        Color32::RED,
    );
    let svg = svg_of(vec![Shape::Vec(vec![
        Shape::Noop,
        Shape::Path(PathShape::line(
            triangle.clone(),
            Stroke::new(1.0, Color32::BLACK),
        )),
        Shape::Path(PathShape::convex_polygon(
            triangle,
            Color32::RED,
            Stroke::NONE,
        )),
        Shape::from(mesh),
    ])]);
    assert_eq!(
        elements(&svg, "polyline"),
        [r##"<polyline points="0,0 10,0 10,10" fill="none" stroke="#000000" stroke-width="1"/>"##]
    );
    assert_eq!(
        elements(&svg, "polygon"),
        [r##"<polygon points="0,0 10,0 10,10" fill="#ff0000"/>"##]
    );
    // The mesh's two triangles share a colour, so one path.
    let paths = elements(&svg, "path");
    assert_eq!(paths.len(), 1, "{svg}");
    assert_eq!(attr(paths[0], "d").map(|d| d.matches('M').count()), Some(2));
    assert_eq!(attr(paths[0], "fill"), Some("#ff0000"));
}

#[test]
fn premultiplied_colours_become_colour_and_opacity() {
    let half_red = Color32::from_rgba_unmultiplied(255, 0, 0, 128);
    assert_eq!(half_red.r(), 128, "stored premultiplied");
    let quarter_white = Color32::from_white_alpha(64);
    let svg = svg_of(vec![
        Shape::rect_filled(
            Rect::from_min_size(pos2(1.0, 1.0), vec2(5.0, 5.0)),
            0,
            half_red,
        ),
        Shape::line_segment([pos2(0.0, 0.0), pos2(9.0, 9.0)], (1.0, quarter_white)),
    ]);
    let rect = elements(&svg, "rect")[0];
    assert_eq!(attr(rect, "fill"), Some("#ff0000"), "{rect}");
    assert_eq!(attr(rect, "fill-opacity"), Some("0.5"), "{rect}");
    let line = elements(&svg, "line")[0];
    assert_eq!(attr(line, "stroke"), Some("#ffffff"), "{line}");
    assert_eq!(attr(line, "stroke-opacity"), Some("0.25"), "{line}");
    // Opaque colours carry no opacity; invisible ones draw nothing.
    assert!(
        !svg_of(vec![Shape::circle_filled(
            pos2(5.0, 5.0),
            2.0,
            Color32::RED
        )])
        .contains("opacity")
    );
    let invisible = svg_of(vec![Shape::circle_filled(
        pos2(5.0, 5.0),
        2.0,
        Color32::TRANSPARENT,
    )]);
    assert!(elements(&invisible, "circle").is_empty());
}

/// Paints with egui's default fonts in a headless context and returns what was painted.
fn painted(paint: impl Fn(&egui::Painter)) -> Vec<ClippedShape> {
    let ctx = Context::default();
    let mut output = ctx.run_ui(RawInput::default(), |ui| paint(ui.painter()));
    output.textures_delta.clear();
    output.shapes
}

#[test]
fn text_is_text() {
    let shapes = painted(|painter| {
        painter.text(
            pos2(10.0, 20.0),
            Align2::LEFT_TOP,
            "Hello 旅程 & <b>",
            FontId::proportional(20.0),
            Color32::BLACK,
        );
    });
    let svg = shapes_to_svg(&shapes, picture(), None, "", &PictureSettings::default());
    assert_eq!(texts(&svg), ["Hello 旅程 &amp; &lt;b&gt;"], "{svg}");
    let tag = elements(&svg, "text")[0];
    assert_eq!(attr(tag, "font-size"), Some("20"), "{tag}");
    assert_eq!(attr(tag, "fill"), Some("#000000"), "{tag}");
    assert_eq!(attr(tag, "x"), Some("10"), "{tag}");
    assert_eq!(attr(tag, "xml:space"), Some("preserve"), "{tag}");
    assert_eq!(attr(tag, "font-family"), Some(FONT_FAMILY), "{tag}");
    assert_eq!(attr(tag, "lengthAdjust"), Some("spacingAndGlyphs"), "{tag}");

    // The baseline is where egui put the first glyph's, and the length is the row's.
    let Shape::Text(text) = &shapes[0].shape else {
        panic!("painted text");
    };
    let row = &text.galley.rows[0];
    let glyph = &row.glyphs[0];
    assert_eq!(
        attr(tag, "y"),
        Some(num(20.0 + row.pos.y + glyph.pos.y).as_str())
    );
    let last = row.glyphs.last().expect("glyphs");
    assert_eq!(
        attr(tag, "textLength"),
        Some(num(last.max_x() - glyph.pos.x).as_str())
    );
}

#[test]
fn each_row_of_wrapped_text_is_one_text() {
    let shapes = painted(|painter| {
        let galley = painter.layout(
            "Customers compare plans before they call us\nthen wait".to_owned(),
            FontId::proportional(14.0),
            Color32::DARK_BLUE,
            60.0,
        );
        painter.galley(pos2(5.0, 5.0), galley, Color32::RED);
    });
    let galley = &painted_galley(&shapes);
    let rows: Vec<String> = galley.rows.iter().map(|r| r.text()).collect();
    assert!(rows.len() >= 4, "{rows:?}");
    let svg = shapes_to_svg(&shapes, picture(), None, "", &PictureSettings::default());
    let written = texts(&svg);
    let expected: Vec<&str> = rows.iter().map(std::string::String::as_str).collect();
    assert_eq!(written, expected, "{svg}");
    let ys: Vec<f32> = elements(&svg, "text")
        .iter()
        .map(|t| attr(t, "y").and_then(|y| y.parse().ok()).expect("y"))
        .collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
    // The section's own colour, not the fallback.
    assert!(
        elements(&svg, "text")
            .iter()
            .all(|t| attr(t, "fill") == Some("#00008b"))
    );
}

#[test]
fn sections_become_tspans_and_a_cut_row_keeps_its_ellipsis() {
    use egui::text::{LayoutJob, TextFormat};
    let shapes = painted(|painter| {
        let mut job = LayoutJob::default();
        let plain = TextFormat::simple(FontId::proportional(12.0), Color32::BLACK);
        job.append("Plain ", 0.0, plain);
        // A placeholder colour takes the text's fallback colour.
        let big = TextFormat::simple(FontId::monospace(24.0), Color32::PLACEHOLDER);
        job.append("big & bold", 0.0, big);
        painter.galley(pos2(0.0, 0.0), painter.layout_job(job), Color32::RED);

        let mut cut = LayoutJob::simple(
            "one two three four five six".to_owned(),
            FontId::proportional(14.0),
            Color32::BLACK,
            60.0,
        );
        cut.wrap.max_rows = 1;
        cut.wrap.overflow_character = Some('…');
        painter.galley(pos2(0.0, 50.0), painter.layout_job(cut), Color32::BLACK);
    });
    let svg = shapes_to_svg(&shapes, picture(), None, "", &PictureSettings::default());
    let tspans = elements(&svg, "tspan");
    assert_eq!(tspans.len(), 2, "{svg}");
    assert_eq!(attr(tspans[0], "font-size"), Some("12"));
    assert_eq!(attr(tspans[0], "fill"), Some("#000000"));
    assert_eq!(attr(tspans[0], "font-family"), Some(FONT_FAMILY));
    assert_eq!(attr(tspans[1], "font-size"), Some("24"));
    assert_eq!(attr(tspans[1], "fill"), Some("#ff0000"));
    assert_eq!(attr(tspans[1], "font-family"), Some(MONOSPACE_FAMILY));
    let written = texts(&svg);
    assert_eq!(written.len(), 2, "{svg}");
    assert!(written[0].contains(">Plain </tspan>"), "{}", written[0]);
    assert!(
        written[0].contains(">big &amp; bold</tspan>"),
        "{}",
        written[0]
    );
    assert!(painted_galley(&shapes[1..]).elided);
    assert!(
        written[1].starts_with("one") && written[1].ends_with('…'),
        "{}",
        written[1]
    );
}

fn painted_galley(shapes: &[ClippedShape]) -> std::sync::Arc<egui::Galley> {
    match &shapes[0].shape {
        Shape::Text(text) => text.galley.clone(),
        other => panic!("expected text, got {other:?}"),
    }
}

#[test]
fn clip_groups_only_for_clips_inside_the_picture() {
    let dot = |x: f32| Shape::circle_filled(pos2(x, 30.0), 4.0, Color32::RED);
    let inner = Rect::from_min_max(pos2(10.0, 10.0), pos2(50.0, 50.0));
    let shapes = [
        ClippedShape::new(inner, dot(20.0)),
        ClippedShape::new(inner, dot(30.0)),
        ClippedShape::new(Rect::EVERYTHING, dot(60.0)),
        ClippedShape::new(Rect::from_min_size(Pos2::ZERO, picture()), dot(70.0)),
        ClippedShape::new(inner, dot(40.0)),
        // Outside its clip: culled.
        ClippedShape::new(inner, dot(150.0)),
    ];
    let svg = shapes_to_svg(&shapes, picture(), None, "", &PictureSettings::default());
    assert_eq!(
        svg.matches("<clipPath ").count(),
        1,
        "one clip rect, one clipPath: {svg}"
    );
    assert!(
        svg.contains(
            r#"<clipPath id="c0"><rect x="10" y="10" width="40" height="40"/></clipPath>"#
        )
    );
    assert_eq!(
        svg.matches(r##"<g clip-path="url(#c0)">"##).count(),
        2,
        "{svg}"
    );
    let first = svg.find("<g clip").expect("group");
    let group = &svg[first..first + svg[first..].find("</g>").expect("end")];
    assert_eq!(
        group.matches("<circle").count(),
        2,
        "consecutive shapes share a group"
    );
    assert_eq!(svg.matches("<circle").count(), 5, "{svg}");
    // Whole-picture clips draw without a group.
    let unclipped = shapes_to_svg(
        &shapes[2..4],
        picture(),
        None,
        "",
        &PictureSettings::default(),
    );
    assert!(!unclipped.contains("clip"), "{unclipped}");
}

#[test]
fn transform_after_tessellation_is_kept() {
    let mut shape = ClippedShape::new(
        Rect::EVERYTHING,
        Shape::circle_filled(pos2(5.0, 5.0), 2.0, Color32::RED),
    );
    shape.transform_after_tessellation = TSTransform::new(vec2(10.0, -2.5), 2.0);
    let svg = shapes_to_svg(&[shape], picture(), None, "", &PictureSettings::default());
    assert!(
        svg.contains(r#"<g transform="matrix(2 0 0 2 10 -2.5)">"#),
        "{svg}"
    );
}

#[test]
fn numbers_have_two_decimals_and_no_negative_zero() {
    assert_eq!(num(1.0), "1");
    assert_eq!(num(1.5), "1.5");
    assert_eq!(num(1.239), "1.24");
    assert_eq!(num(-0.001), "0");
    assert_eq!(num(-0.0), "0");
    assert_eq!(num(-2.50), "-2.5");
    assert_eq!(num(100.0), "100");
    assert_eq!(num(f32::NAN), "0");
    assert_eq!(num(f32::INFINITY), "0");
    assert_eq!(num(1e30), "10000000");
}

#[test]
fn output_is_deterministic() {
    let paint = |painter: &egui::Painter| {
        painter.rect_filled(
            Rect::from_min_size(pos2(3.3, 4.4), vec2(50.0, 20.0)),
            5,
            Color32::from_black_alpha(100),
        );
        painter
            .with_clip_rect(Rect::from_min_size(pos2(0.0, 0.0), vec2(80.0, 40.0)))
            .text(
                pos2(1.0, 2.0),
                Align2::LEFT_TOP,
                "同じ map 🗺",
                FontId::proportional(13.0),
                Color32::GRAY,
            );
        painter.circle_stroke(pos2(40.0, 40.0), 7.7, (1.3, Color32::GOLD));
    };
    let first = shapes_to_svg(
        &painted(paint),
        picture(),
        Some(Color32::WHITE),
        "(x: 1)",
        &PictureSettings::default(),
    );
    let second = shapes_to_svg(
        &painted(paint),
        picture(),
        Some(Color32::WHITE),
        "(x: 1)",
        &PictureSettings::default(),
    );
    assert_eq!(first, second);
    // Every number in it has at most two decimals.
    for token in first.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')) {
        if let Some((_, decimals)) = token.split_once('.') {
            assert!(
                decimals.len() <= 2 || token.starts_with('.'),
                "{token} in {first}"
            );
        }
        assert_ne!(token, "-0", "{first}");
    }
}

/// A Chinese thought note's quotation marks, “这次不用排队了，真好。”, come from the CJK font in the
/// picture (full-width, the ink in the inner half of the cell, towards the words they open and
/// close) and in the SVG (a run of the CJK-first family); the same marks in English stay Latin.
#[test]
fn quotes_among_chinese_are_the_cjk_fonts_in_the_png_and_the_svg() {
    let template = crate::templates::find("hair-salon-zh").expect("template");
    let mut map = template.map();
    let quoted = "“这次不用排队了，真好。”";
    let english = "He said “fine” and left";
    let lane = map
        .lanes
        .iter_mut()
        .find(|l| l.notes.iter().any(|n| n.text == quoted))
        .expect("the thought note");
    let other = usize::from(lane.notes[0].text == quoted);
    lane.notes[other].text = english.to_owned();
    let options = crate::export::ExportOptions {
        scale: 2.0,
        ..Default::default()
    };
    let painted = crate::export::paint(&map, &options).expect("painted");
    let galleys: Vec<(Pos2, std::sync::Arc<egui::Galley>)> = painted
        .output
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            Shape::Text(t) => Some((t.pos, t.galley.clone())),
            _ => None,
        })
        .collect();
    // Each quotation mark: its cell in the picture (points) and the galley's font size.
    let marks = |text: &str| -> Vec<(char, egui::Rect, f32)> {
        let (pos, galley) = galleys
            .iter()
            .find(|(_, g)| g.job.text.starts_with(text))
            .unwrap_or_else(|| panic!("{text} is drawn"));
        let size = galley.job.sections[0].format.font_id.size;
        let mut out = Vec::new();
        for row in &galley.rows {
            for glyph in row.glyphs.iter().filter(|g| "“”".contains(g.chr)) {
                let min =
                    *pos + row.pos.to_vec2() + glyph.pos.to_vec2() - vec2(0.0, glyph.font_ascent);
                let cell =
                    egui::Rect::from_min_size(min, vec2(glyph.advance_width, glyph.font_height));
                out.push((glyph.chr, cell, size));
            }
        }
        out
    };
    let chinese = marks("“这次");
    let latin = marks(english);
    assert_eq!(chinese.len(), 2, "both marks are on the note");
    assert_eq!(latin.len(), 2);
    for ((_, cell, size), (_, latin_cell, _)) in chinese.iter().zip(&latin) {
        assert!(
            cell.width() >= 0.9 * size,
            "full-width: {} at {size}",
            cell.width()
        );
        assert!(
            latin_cell.width() <= 0.5 * size,
            "Latin: {}",
            latin_cell.width()
        );
    }

    // The ink in the picture: an opening mark leans right, a closing one left.
    let picture = painted.tessellate();
    let (w, h) = picture.pixels;
    let rgba = picture.rasterizer().render(0, 0, w, h, [0, 0, 0, 0]);
    let scale = options.scale;
    let ink_centre = |cell: egui::Rect| -> f32 {
        let (x0, x1) = (
            (cell.left() * scale) as u32,
            (cell.right() * scale).ceil() as u32,
        );
        let (y0, y1) = (
            (cell.top() * scale) as u32,
            (cell.bottom() * scale).ceil() as u32,
        );
        let pixel = |x: u32, y: u32| {
            let i = ((y * w + x) * 4) as usize;
            [rgba[i], rgba[i + 1], rgba[i + 2]]
        };
        let paper = pixel(x0, y0);
        let (mut sum, mut count) = (0.0, 0.0);
        for y in y0..y1.min(h) {
            for x in x0..x1.min(w) {
                let p = pixel(x, y);
                let dark = (0..3).map(|c| paper[c].abs_diff(p[c]) as f32).sum::<f32>();
                sum += dark * (x - x0) as f32;
                count += dark;
            }
        }
        assert!(count > 0.0, "the mark has ink");
        sum / count / (x1 - x0) as f32
    };
    let (_, open, _) = chinese[0];
    let (_, close, _) = chinese[1];
    assert!(ink_centre(open) > 0.5, "“ {}", ink_centre(open));
    assert!(ink_centre(close) < 0.5, "” {}", ink_centre(close));

    // The SVG names the CJK font first for the marks, and only for them.
    let svg = crate::export::to_svg(&map, &options).expect("svg");
    let cjk: Vec<&str> = elements(&svg, "tspan")
        .into_iter()
        .chain(elements(&svg, "text"))
        .filter(|t| attr(t, "font-family") == Some(super::text::CJK_FIRST_FAMILY))
        .collect();
    assert!(cjk.len() >= 2, "{cjk:?}");
    let runs = texts(&svg);
    assert!(
        runs.iter()
            .any(|t| t.contains(">“</tspan>") && t.contains("这次不用排队了")),
        "the opening mark is a run of its own"
    );
    assert!(
        runs.iter().any(|t| t.contains("He said “fine” and left")),
        "the English note's marks stay in the Latin run"
    );
}
