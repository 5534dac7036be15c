//! Sizes that shape a map on the canvas and in exports, in map units (points at 100 % zoom).

/// Kinds of text on a map; each has its own size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextRole {
    /// The map's title.
    Title,
    /// The small label over a header block, e.g. "Persona".
    HeaderLabel,
    /// The text in a header block: a persona, the scenario, the expectations.
    HeaderBody,
    /// A stage's name in its column header.
    StageName,
    /// A stage's description under its name.
    StageDescription,
    /// A touchpoint card's title.
    CardTitle,
    /// A touchpoint card's description.
    CardBody,
    /// A touchpoint's notes on its card, when the map shows them.
    CardNotes,
    /// A step number or a persona's initials in a badge on a card.
    Badge,
    /// The channel tag on a card.
    Channel,
    /// A note's text.
    Note,
    /// A note's owner and metric under its text.
    NoteMeta,
    /// The credit line at the map's foot.
    Footer,
    /// A row's name in the gutter: a lane's, "Touchpoints", "Emotion".
    RowLabel,
    /// A curve's name in the legend, and a scale level's name.
    Legend,
}

/// The geometry of a map. Colours are not here: they belong to the painter's theme.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    /// How much larger than the default sizes text is set (1 on screen and in pictures; the
    /// presentation type scale sets it larger, so a stage that fills a projector's width
    /// reads from the back of the room).
    pub text_scale: f32,
    /// Lanes this layout leaves out (a presentation may show only some).
    pub hidden_lanes: std::collections::BTreeSet<crate::model::LaneId>,
    /// The empty border around the whole map.
    pub margin: f32,
    /// The width of the gutter, the left column that names the rows.
    pub gutter_width: f32,
    /// The space between a stage column's sides and the cards and notes in it.
    pub stage_padding: f32,
    /// The space between two stage columns.
    pub stage_gap: f32,
    /// The width of a touchpoint card, and of a note.
    pub card_width: f32,
    /// The space between two cards in a stage.
    pub card_gap: f32,
    /// The space between a card's edge and its content.
    pub card_padding: f32,
    /// The least height of a card, and so of the touchpoint row.
    pub card_min_height: f32,
    /// The most rows a card's title shows.
    pub card_title_rows: usize,
    /// The most rows a card's description shows.
    pub card_body_rows: usize,
    /// The height of the channel tag at the top of a card.
    pub channel_height: f32,
    /// The least height of the row of stage headers.
    pub stage_header_min_height: f32,
    /// The space between the map's rows: stage headers, cards, curve band and lanes.
    pub row_gap: f32,
    /// The height between two neighbouring levels of the scale in the curve band.
    pub level_height: f32,
    /// The height of the legend row at the top of the curve band.
    pub legend_height: f32,
    /// The space between notes in a cell, and between them and the lane's top and bottom.
    pub note_gap: f32,
    /// The space between a note's edge and its text.
    pub note_padding: f32,
    /// The least height of a note.
    pub note_min_height: f32,
    /// The most rows a note's text shows.
    pub note_rows: usize,
    /// The least height of a lane's row.
    pub lane_min_height: f32,
    /// The width of each block of the header (personas, scenario, expectations).
    pub header_block_width: f32,
    /// How far apart points of different curves with the same score at a touchpoint stand.
    pub shared_point_spread: f32,
    /// The height (and width) of a scale level's face.
    pub face_size: f32,
    /// The space between two bands of a wrapped map.
    pub band_gap: f32,
    /// The size of a card's round badges (step number, actors' initials).
    pub badge_size: f32,
    /// The size of a card's link mark.
    pub link_size: f32,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            text_scale: 1.0,
            hidden_lanes: std::collections::BTreeSet::new(),
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
            band_gap: 40.0,
            badge_size: 20.0,
            link_size: 16.0,
        }
    }
}

impl Style {
    /// The presentation type scale: text a quarter larger against the same cards, and a card's
    /// title given a fourth row. A stage that fills a 1024 × 768 projector sets card titles
    /// and notes at 18 px or more (tested), and at 24 px or more on 1920 × 1080.
    pub fn presentation() -> Self {
        Self {
            text_scale: 1.25,
            card_title_rows: 4,
            ..Self::default()
        }
    }

    /// The font size of text of this role, in map units.
    pub fn font_size(&self, role: TextRole) -> f32 {
        self.text_scale * Self::base_font_size(role)
    }

    fn base_font_size(role: TextRole) -> f32 {
        match role {
            TextRole::Title => 26.0,
            TextRole::HeaderLabel => 11.0,
            TextRole::HeaderBody => 14.0,
            TextRole::StageName => 16.0,
            TextRole::StageDescription | TextRole::CardNotes => 12.0,
            TextRole::Badge | TextRole::NoteMeta | TextRole::Footer => 11.0,
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
            TextRole::StageName | TextRole::StageDescription => 2,
            TextRole::CardNotes => 3,
            TextRole::NoteMeta => 2,
            TextRole::Footer => 4,
            TextRole::Channel | TextRole::Legend | TextRole::Badge => 1,
            TextRole::RowLabel => 3,
            TextRole::Title => 2,
            TextRole::HeaderLabel => 1,
            TextRole::HeaderBody => 8,
        }
    }
}
