//! Colours of a painted map, light and dark.

use crate::model::{LaneKind, Rgb};
use egui::Color32;

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub dark: bool,
    pub background: Color32,
    pub surface: Color32,
    pub surface_stroke: Color32,
    pub shadow: Color32,
    pub text: Color32,
    pub muted: Color32,
    pub row_fill: Color32,
    pub grid: Color32,
    pub accent: Color32,
    pub hover: Color32,
    pub danger: Color32,
}

impl Theme {
    pub fn light() -> Self {
        Self {
            dark: false,
            background: Color32::from_rgb(0xf7, 0xf7, 0xf5),
            surface: Color32::WHITE,
            surface_stroke: Color32::from_rgb(0xdc, 0xdc, 0xd8),
            shadow: Color32::from_black_alpha(18),
            text: Color32::from_rgb(0x22, 0x24, 0x28),
            muted: Color32::from_rgb(0x6b, 0x70, 0x78),
            row_fill: Color32::from_black_alpha(6),
            grid: Color32::from_black_alpha(22),
            accent: Color32::from_rgb(0x25, 0x63, 0xeb),
            hover: Color32::from_rgb(0x93, 0xb4, 0xf5),
            danger: Color32::from_rgb(0xd0, 0x3b, 0x3b),
        }
    }

    pub fn dark() -> Self {
        Self {
            dark: true,
            background: Color32::from_rgb(0x1d, 0x1f, 0x23),
            surface: Color32::from_rgb(0x2a, 0x2d, 0x33),
            surface_stroke: Color32::from_rgb(0x40, 0x44, 0x4c),
            shadow: Color32::from_black_alpha(60),
            text: Color32::from_rgb(0xe8, 0xe9, 0xeb),
            muted: Color32::from_rgb(0x9a, 0xa0, 0xa8),
            row_fill: Color32::from_white_alpha(6),
            grid: Color32::from_white_alpha(24),
            accent: Color32::from_rgb(0x5b, 0x8d, 0xf6),
            hover: Color32::from_rgb(0x3d, 0x5f, 0xa8),
            danger: Color32::from_rgb(0xef, 0x5b, 0x5b),
        }
    }

    /// For a washed-out projector: black on white, strong lines and edges, no faint greys.
    pub fn high_contrast() -> Self {
        Self {
            dark: false,
            background: Color32::WHITE,
            surface: Color32::WHITE,
            surface_stroke: Color32::from_rgb(0x30, 0x30, 0x30),
            shadow: Color32::TRANSPARENT,
            text: Color32::BLACK,
            muted: Color32::from_rgb(0x20, 0x20, 0x20),
            row_fill: Color32::from_black_alpha(16),
            grid: Color32::from_black_alpha(110),
            accent: Color32::from_rgb(0x00, 0x3a, 0xc8),
            hover: Color32::from_rgb(0x00, 0x3a, 0xc8),
            danger: Color32::from_rgb(0xb0, 0x00, 0x00),
        }
    }

    pub fn colour(&self, rgb: Rgb) -> Color32 {
        Color32::from_rgb(rgb.r, rgb.g, rgb.b)
    }

    /// A pale wash of a colour for backgrounds (stage columns).
    pub fn wash(&self, rgb: Rgb, strength: u8) -> Color32 {
        let c = self.colour(rgb);
        Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), strength)
    }

    /// The sticky-note colour of a lane kind.
    pub fn note_fill(&self, kind: LaneKind) -> Color32 {
        let light = match kind {
            LaneKind::Actions => Color32::from_rgb(0xee, 0xf1, 0xf5),
            LaneKind::Thoughts => Color32::from_rgb(0xe3, 0xef, 0xfd),
            LaneKind::Feelings => Color32::from_rgb(0xfd, 0xf3, 0xd6),
            LaneKind::PainPoints => Color32::from_rgb(0xfd, 0xe2, 0xe2),
            LaneKind::Opportunities => Color32::from_rgb(0xdc, 0xf5, 0xe6),
            LaneKind::Backstage => Color32::from_rgb(0xed, 0xe6, 0xfa),
            LaneKind::Custom => Color32::from_rgb(0xf2, 0xf2, 0xf0),
        };
        if self.dark {
            // On dark, the lane's accent tinted into the card surface keeps lanes apart.
            self.surface.lerp_to_gamma(self.lane_accent(kind), 0.22)
        } else {
            light
        }
    }

    /// The accent of a lane kind: its marker in the gutter and its notes' edge.
    pub fn lane_accent(&self, kind: LaneKind) -> Color32 {
        match kind {
            LaneKind::Actions => Color32::from_rgb(0x6b, 0x72, 0x80),
            LaneKind::Thoughts => Color32::from_rgb(0x3a, 0x7b, 0xd5),
            LaneKind::Feelings => Color32::from_rgb(0xd9, 0xa4, 0x1c),
            LaneKind::PainPoints => Color32::from_rgb(0xd0, 0x3b, 0x3b),
            LaneKind::Opportunities => Color32::from_rgb(0x2e, 0x9e, 0x6b),
            LaneKind::Backstage => Color32::from_rgb(0x8a, 0x5c, 0xc7),
            LaneKind::Custom => Color32::from_rgb(0x8a, 0x8f, 0x98),
        }
    }
}
