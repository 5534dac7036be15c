//! The fonts every map is drawn with: egui's defaults (Latin, Cyrillic, emoji) and a bundled
//! subset of Noto Sans CJK SC, so Chinese renders the same on every machine and in exports.

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

const CJK_NAME: &str = "Noto Sans CJK SC (subset)";
const CJK_FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansCJKsc-Subset.otf");

/// egui's default fonts with the bundled CJK font as the first fallback of every family.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        CJK_NAME.to_owned(),
        Arc::new(FontData::from_static(CJK_FONT)),
    );
    // Right after each family's main (Latin) font: before egui's icon font, which has a few
    // full-width punctuation marks (（ ） ？) drawn in another style.
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family).or_default();
        list.insert(list.len().min(1), CJK_NAME.to_owned());
    }
    // The CJK font first, then the rest of the proportional family for what it lacks.
    let mut cjk_first = vec![CJK_NAME.to_owned()];
    cjk_first.extend(
        fonts.families[&FontFamily::Proportional]
            .iter()
            .filter(|name| *name != CJK_NAME)
            .cloned(),
    );
    fonts.families.insert(cjk_first_family(), cjk_first);
    fonts
}

/// The family of the CJK font's own punctuation, for text among Chinese characters: quotation
/// marks and ellipses as wide as the characters around them. Latin-first families
/// draw “ ” with the Latin font, small and thin beside Chinese.
pub fn cjk_first_family() -> FontFamily {
    FontFamily::Name(CJK_FIRST.into())
}

const CJK_FIRST: &str = "cjk-first";

/// The interface's words in the CJK-first family when it speaks Chinese (so its quotation marks
/// and dashes are the CJK font's), in egui's proportional family otherwise.
pub fn set_interface_family(style: &mut egui::Style, chinese: bool) {
    let (from, to) = if chinese {
        (FontFamily::Proportional, cjk_first_family())
    } else {
        (cjk_first_family(), FontFamily::Proportional)
    };
    for font in style.text_styles.values_mut() {
        if font.family == from {
            font.family = to.clone();
        }
    }
}

pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

/// A context with our fonts loaded and ready to measure text (for layout without a window).
/// Its first pass's font texture is dropped: to paint, use [`headless_context_with_textures`].
pub fn headless_context() -> egui::Context {
    let (ctx, mut textures) = headless_context_with_textures();
    textures.clear();
    ctx
}

/// A context with our fonts loaded, and the texture changes of the pass that loaded them (the
/// font atlas), which whoever paints with the context must apply.
pub fn headless_context_with_textures() -> (egui::Context, egui::TexturesDelta) {
    let ctx = egui::Context::default();
    install(&ctx);
    // Fonts load at the start of a pass.
    let output = ctx.run_ui(egui::RawInput::default(), |_| {});
    (ctx, output.textures_delta)
}
