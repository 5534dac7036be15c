//! Sizes that shape a map on the canvas and in exports, in map units (points at 100 % zoom).

/// Kinds of text on a map; each has its own size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextRole {
    Title,
    HeaderLabel,
    HeaderBody,
    StageName,
    CardTitle,
    CardBody,
    Channel,
    Note,
    RowLabel,
    Legend,
}

/// The geometry of a map. Colours are not here: they belong to the painter's theme.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub margin: f32,
    pub gutter_width: f32,
    pub stage_padding: f32,
    pub stage_gap: f32,
    pub card_width: f32,
    pub card_gap: f32,
    pub card_padding: f32,
    pub card_min_height: f32,
    pub card_title_rows: usize,
    pub card_body_rows: usize,
    pub channel_height: f32,
    pub stage_header_min_height: f32,
    pub row_gap: f32,
    pub level_height: f32,
    pub legend_height: f32,
    pub note_gap: f32,
    pub note_padding: f32,
    pub note_min_height: f32,
    pub note_rows: usize,
    pub lane_min_height: f32,
    pub header_block_width: f32,
    /// How far apart points of different curves with the same score at a touchpoint stand.
    pub shared_point_spread: f32,
    /// The height (and width) of a scale level's face.
    pub face_size: f32,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            margin: 32.0,
            gutter_width: 150.0,
            stage_padding: 10.0,
            stage_gap: 12.0,
            card_width: 172.0,
            card_gap: 10.0,
            card_padding: 10.0,
            card_min_height: 96.0,
            card_title_rows: 3,
            card_body_rows: 3,
            channel_height: 20.0,
            stage_header_min_height: 40.0,
            row_gap: 14.0,
            level_height: 34.0,
            legend_height: 26.0,
            note_gap: 8.0,
            note_padding: 8.0,
            note_min_height: 40.0,
            note_rows: 6,
            lane_min_height: 64.0,
            header_block_width: 340.0,
            shared_point_spread: 9.0,
            face_size: 18.0,
        }
    }
}

impl Style {
    pub fn font_size(&self, role: TextRole) -> f32 {
        match role {
            TextRole::Title => 26.0,
            TextRole::HeaderLabel => 11.0,
            TextRole::HeaderBody => 14.0,
            TextRole::StageName => 16.0,
            TextRole::CardTitle => 14.0,
            TextRole::CardBody => 12.0,
            TextRole::Channel => 11.0,
            TextRole::Note => 13.0,
            TextRole::RowLabel => 14.0,
            TextRole::Legend => 12.0,
        }
    }

    /// The most rows a text of this role shows; the rest is cut with an ellipsis.
    pub fn max_rows(&self, role: TextRole) -> usize {
        match role {
            TextRole::CardTitle => self.card_title_rows,
            TextRole::CardBody => self.card_body_rows,
            TextRole::Note => self.note_rows,
            TextRole::StageName | TextRole::Channel | TextRole::Legend => 1,
            TextRole::RowLabel => 3,
            TextRole::Title => 2,
            TextRole::HeaderLabel => 1,
            TextRole::HeaderBody => 8,
        }
    }
}
