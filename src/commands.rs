//! The one table of what a person can ask the editor to do. Menus, keyboard shortcuts (and the
//! command palette) all read it, so they can never disagree.

use crate::i18n::tr;
use egui::{Key, KeyboardShortcut, Modifiers};

listed_enum! {
    /// Something a person can ask the editor to do. `ALL` is in menu order.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Command as ALL {
        New,
        Open,
        Save,
        SaveAs,
        Import,
        ExportPng,
        ExportSvg,
        ExportPdf,
        ExportMermaid,
        ExportCsv,
        CompareWithFile,
        Quit,
        Undo,
        Redo,
        Cut,
        Copy,
        CopyImage,
        Paste,
        Delete,
        Duplicate,
        AddNote,
        EditText,
        SelectAll,
        ZoomIn,
        ZoomOut,
        ZoomFit,
        ZoomActual,
        ToggleInspector,
        ToggleInsights,
        NextChange,
        PreviousChange,
        Fullscreen,
        ThemeSystem,
        ThemeLight,
        ThemeDark,
        Present,
        ToggleAudienceWindow,
        ToggleHighContrast,
        ToggleGlide,
        ToggleRevealCurve,
        ResetVotes,
        PresentNext,
        PresentPrevious,
        PresentFirst,
        PresentLast,
        PresentGoTo,
        PresentScrollUp,
        PresentScrollDown,
        PresentBlank,
        PresentCapture,
        PresentNextField,
        PresentPreviousField,
        PresentVote,
        PresentUnvote,
        PresentEndRound,
        PresentChooseLanes,
        PresentTimer,
        PresentInsights,
        PresentTimerLess,
        PresentTimerMore,
        PresentHelp,
        PresentExit,
        CommandPalette,
        ShortcutHelp,
    }
}

/// Where a command's shortcut works: in the editor, while presenting, or in both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Editor,
    Present,
    Always,
}

listed_enum! {
    /// Where a command sits in the menu bar.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Menu as ALL {
        File,
        Edit,
        View,
        Present,
        Help,
    }
}

impl Menu {
    pub fn text(self) -> &'static str {
        match self {
            Menu::File => tr("menu.file"),
            Menu::Edit => tr("menu.edit"),
            Menu::View => tr("menu.view"),
            Menu::Present => tr("menu.present"),
            Menu::Help => tr("menu.help"),
        }
    }
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}
const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}
const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}
const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}

impl Command {
    /// The command's key in the string catalogue (`.tip` added for its tooltip).
    pub fn key(self) -> &'static str {
        match self {
            Command::New => "cmd.new",
            Command::Open => "cmd.open",
            Command::Save => "cmd.save",
            Command::SaveAs => "cmd.save_as",
            Command::ExportPng => "cmd.export_png",
            Command::ExportSvg => "cmd.export_svg",
            Command::ExportPdf => "cmd.export_pdf",
            Command::ExportMermaid => "cmd.export_mermaid",
            Command::ExportCsv => "cmd.export_csv",
            Command::Import => "cmd.import",
            Command::CompareWithFile => "cmd.compare",
            Command::NextChange => "cmd.next_change",
            Command::PreviousChange => "cmd.previous_change",
            Command::CopyImage => "cmd.copy_image",
            Command::Quit => "cmd.quit",
            Command::Cut => "cmd.cut",
            Command::Copy => "cmd.copy",
            Command::Paste => "cmd.paste",
            Command::ThemeSystem => "cmd.theme_system",
            Command::ThemeLight => "cmd.theme_light",
            Command::ThemeDark => "cmd.theme_dark",
            Command::CommandPalette => "cmd.command_palette",
            Command::ShortcutHelp => "cmd.shortcut_help",
            Command::Undo => "cmd.undo",
            Command::Redo => "cmd.redo",
            Command::Delete => "cmd.delete",
            Command::Duplicate => "cmd.duplicate",
            Command::AddNote => "cmd.add_note",
            Command::EditText => "cmd.edit_text",
            Command::SelectAll => "cmd.select_all",
            Command::ZoomIn => "cmd.zoom_in",
            Command::ZoomOut => "cmd.zoom_out",
            Command::ZoomFit => "cmd.zoom_fit",
            Command::ZoomActual => "cmd.zoom_actual",
            Command::ToggleInspector => "cmd.toggle_inspector",
            Command::ToggleInsights => "cmd.toggle_insights",
            Command::Fullscreen => "cmd.fullscreen",
            Command::Present => "cmd.present",
            Command::ToggleAudienceWindow => "cmd.audience_window",
            Command::ToggleHighContrast => "cmd.high_contrast",
            Command::ToggleGlide => "cmd.glide",
            Command::ToggleRevealCurve => "cmd.reveal_curve",
            Command::ResetVotes => "cmd.reset_votes",
            Command::PresentNext => "cmd.present_next",
            Command::PresentPrevious => "cmd.present_previous",
            Command::PresentFirst => "cmd.present_first",
            Command::PresentLast => "cmd.present_last",
            Command::PresentGoTo => "cmd.present_goto",
            Command::PresentScrollUp => "cmd.present_scroll_up",
            Command::PresentScrollDown => "cmd.present_scroll_down",
            Command::PresentBlank => "cmd.present_blank",
            Command::PresentCapture => "cmd.present_capture",
            Command::PresentNextField => "cmd.present_next_field",
            Command::PresentPreviousField => "cmd.present_previous_field",
            Command::PresentVote => "cmd.present_vote",
            Command::PresentUnvote => "cmd.present_unvote",
            Command::PresentEndRound => "cmd.present_end_round",
            Command::PresentChooseLanes => "cmd.present_lanes",
            Command::PresentTimer => "cmd.present_timer",
            Command::PresentInsights => "cmd.present_insights",
            Command::PresentTimerLess => "cmd.present_timer_less",
            Command::PresentTimerMore => "cmd.present_timer_more",
            Command::PresentHelp => "cmd.present_help",
            Command::PresentExit => "cmd.present_exit",
        }
    }

    pub fn text(self) -> &'static str {
        tr(self.key())
    }

    pub fn tooltip(self) -> &'static str {
        tr(&format!("{}.tip", self.key()))
    }

    /// The shortcuts, the one shown in menus first.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const NONE: &[KeyboardShortcut] = &[];
        const NEXT_CHANGE: &[KeyboardShortcut] = &[plain(Key::F8)];
        const PREVIOUS_CHANGE: &[KeyboardShortcut] = &[shift(Key::F8)];
        const NEW: &[KeyboardShortcut] = &[ctrl(Key::N)];
        const OPEN: &[KeyboardShortcut] = &[ctrl(Key::O)];
        const SAVE: &[KeyboardShortcut] = &[ctrl(Key::S)];
        const SAVE_AS: &[KeyboardShortcut] = &[ctrl_shift(Key::S)];
        const QUIT: &[KeyboardShortcut] = &[ctrl(Key::Q)];
        const CUT: &[KeyboardShortcut] = &[ctrl(Key::X)];
        const COPY: &[KeyboardShortcut] = &[ctrl(Key::C)];
        const PASTE: &[KeyboardShortcut] = &[ctrl(Key::V)];
        const PALETTE: &[KeyboardShortcut] = &[ctrl(Key::K), ctrl_shift(Key::P)];
        const HELP: &[KeyboardShortcut] = &[plain(Key::F1)];
        const UNDO: &[KeyboardShortcut] = &[ctrl(Key::Z)];
        const REDO: &[KeyboardShortcut] = &[ctrl_shift(Key::Z), ctrl(Key::Y)];
        const DELETE: &[KeyboardShortcut] = &[plain(Key::Delete), plain(Key::Backspace)];
        const DUPLICATE: &[KeyboardShortcut] = &[ctrl(Key::D)];
        const ADD_NOTE: &[KeyboardShortcut] = &[plain(Key::N)];
        const EDIT: &[KeyboardShortcut] = &[plain(Key::Enter), plain(Key::F2)];
        const ALL: &[KeyboardShortcut] = &[ctrl(Key::A)];
        const ZOOM_IN: &[KeyboardShortcut] = &[ctrl(Key::Equals), ctrl(Key::Plus)];
        const ZOOM_OUT: &[KeyboardShortcut] = &[ctrl(Key::Minus)];
        const FIT: &[KeyboardShortcut] = &[ctrl(Key::Num0)];
        const ACTUAL: &[KeyboardShortcut] = &[ctrl(Key::Num1)];
        const INSPECTOR: &[KeyboardShortcut] = &[ctrl(Key::I)];
        const INSIGHTS: &[KeyboardShortcut] = &[KeyboardShortcut::new(
            Modifiers::COMMAND.plus(Modifiers::SHIFT),
            Key::I,
        )];
        const FULLSCREEN: &[KeyboardShortcut] = &[plain(Key::F11)];
        const PRESENT: &[KeyboardShortcut] = &[plain(Key::F5)];
        // Presentation clickers send Page Down / Page Up, arrows, Space, B and `.`.
        const NEXT: &[KeyboardShortcut] = &[
            plain(Key::ArrowRight),
            plain(Key::PageDown),
            plain(Key::Space),
        ];
        const PREVIOUS: &[KeyboardShortcut] = &[plain(Key::ArrowLeft), plain(Key::PageUp)];
        const FIRST: &[KeyboardShortcut] = &[plain(Key::Home)];
        const LAST: &[KeyboardShortcut] = &[plain(Key::End)];
        const GOTO: &[KeyboardShortcut] = &[plain(Key::G)];
        const SCROLL_UP: &[KeyboardShortcut] = &[plain(Key::ArrowUp)];
        const SCROLL_DOWN: &[KeyboardShortcut] = &[plain(Key::ArrowDown)];
        const BLANK: &[KeyboardShortcut] = &[plain(Key::B), plain(Key::Period)];
        const CAPTURE: &[KeyboardShortcut] = &[plain(Key::N)];
        const NEXT_FIELD: &[KeyboardShortcut] = &[plain(Key::Tab)];
        const PREVIOUS_FIELD: &[KeyboardShortcut] =
            &[KeyboardShortcut::new(Modifiers::SHIFT, Key::Tab)];
        const VOTE: &[KeyboardShortcut] = &[plain(Key::V)];
        const UNVOTE: &[KeyboardShortcut] = &[KeyboardShortcut::new(Modifiers::SHIFT, Key::V)];
        const TIMER: &[KeyboardShortcut] = &[plain(Key::T)];
        const INSIGHTS_LINE: &[KeyboardShortcut] = &[plain(Key::I)];
        const TIMER_LESS: &[KeyboardShortcut] = &[plain(Key::OpenBracket)];
        const TIMER_MORE: &[KeyboardShortcut] = &[plain(Key::CloseBracket)];
        const HELP_KEYS: &[KeyboardShortcut] = &[
            plain(Key::Questionmark),
            KeyboardShortcut::new(Modifiers::SHIFT, Key::Slash),
        ];
        const EXIT: &[KeyboardShortcut] = &[plain(Key::Escape)];
        match self {
            Command::New => NEW,
            Command::Open => OPEN,
            Command::Save => SAVE,
            Command::SaveAs => SAVE_AS,
            Command::Quit => QUIT,
            Command::Cut => CUT,
            Command::Copy => COPY,
            Command::Paste => PASTE,
            Command::ThemeSystem
            | Command::ThemeLight
            | Command::ThemeDark
            | Command::ExportPng
            | Command::ExportSvg
            | Command::ExportPdf
            | Command::ExportMermaid
            | Command::ExportCsv
            | Command::Import
            | Command::CompareWithFile
            | Command::CopyImage => NONE,
            Command::NextChange => NEXT_CHANGE,
            Command::PreviousChange => PREVIOUS_CHANGE,
            Command::CommandPalette => PALETTE,
            Command::ShortcutHelp => HELP,
            Command::Undo => UNDO,
            Command::Redo => REDO,
            Command::Delete => DELETE,
            Command::Duplicate => DUPLICATE,
            Command::AddNote => ADD_NOTE,
            Command::EditText => EDIT,
            Command::SelectAll => ALL,
            Command::ZoomIn => ZOOM_IN,
            Command::ZoomOut => ZOOM_OUT,
            Command::ZoomFit => FIT,
            Command::ZoomActual => ACTUAL,
            Command::ToggleInspector => INSPECTOR,
            Command::ToggleInsights => INSIGHTS,
            Command::Fullscreen => FULLSCREEN,
            Command::Present => PRESENT,
            Command::ToggleAudienceWindow
            | Command::ToggleHighContrast
            | Command::ToggleGlide
            | Command::ToggleRevealCurve
            | Command::ResetVotes
            | Command::PresentEndRound
            | Command::PresentChooseLanes => NONE,
            Command::PresentNext => NEXT,
            Command::PresentPrevious => PREVIOUS,
            Command::PresentFirst => FIRST,
            Command::PresentLast => LAST,
            Command::PresentGoTo => GOTO,
            Command::PresentScrollUp => SCROLL_UP,
            Command::PresentScrollDown => SCROLL_DOWN,
            Command::PresentBlank => BLANK,
            Command::PresentCapture => CAPTURE,
            Command::PresentNextField => NEXT_FIELD,
            Command::PresentPreviousField => PREVIOUS_FIELD,
            Command::PresentVote => VOTE,
            Command::PresentUnvote => UNVOTE,
            Command::PresentTimer => TIMER,
            Command::PresentInsights => INSIGHTS_LINE,
            Command::PresentTimerLess => TIMER_LESS,
            Command::PresentTimerMore => TIMER_MORE,
            Command::PresentHelp => HELP_KEYS,
            Command::PresentExit => EXIT,
        }
    }

    pub fn menu(self) -> Menu {
        match self {
            Command::New
            | Command::Open
            | Command::Save
            | Command::SaveAs
            | Command::ExportPng
            | Command::ExportSvg
            | Command::ExportPdf
            | Command::ExportMermaid
            | Command::ExportCsv
            | Command::Import
            | Command::CompareWithFile
            | Command::Quit => Menu::File,
            Command::CommandPalette | Command::ShortcutHelp => Menu::Help,
            Command::Undo
            | Command::Cut
            | Command::Copy
            | Command::CopyImage
            | Command::Paste
            | Command::Redo
            | Command::Delete
            | Command::Duplicate
            | Command::AddNote
            | Command::EditText
            | Command::SelectAll => Menu::Edit,
            Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomFit
            | Command::ZoomActual
            | Command::ToggleInspector
            | Command::ToggleInsights
            | Command::NextChange
            | Command::PreviousChange
            | Command::Fullscreen
            | Command::ThemeSystem
            | Command::ThemeLight
            | Command::ThemeDark => Menu::View,
            Command::Present
            | Command::ToggleAudienceWindow
            | Command::ToggleHighContrast
            | Command::ToggleGlide
            | Command::ToggleRevealCurve
            | Command::ResetVotes
            | Command::PresentNext
            | Command::PresentPrevious
            | Command::PresentFirst
            | Command::PresentLast
            | Command::PresentGoTo
            | Command::PresentScrollUp
            | Command::PresentScrollDown
            | Command::PresentBlank
            | Command::PresentCapture
            | Command::PresentNextField
            | Command::PresentPreviousField
            | Command::PresentVote
            | Command::PresentUnvote
            | Command::PresentEndRound
            | Command::PresentChooseLanes
            | Command::PresentTimer
            | Command::PresentInsights
            | Command::PresentTimerLess
            | Command::PresentTimerMore
            | Command::PresentHelp
            | Command::PresentExit => Menu::Present,
        }
    }

    /// Where the command's shortcuts work (and where menus and the palette offer it).
    pub fn scope(self) -> Scope {
        match self {
            Command::PresentNext
            | Command::PresentPrevious
            | Command::PresentFirst
            | Command::PresentLast
            | Command::PresentGoTo
            | Command::PresentScrollUp
            | Command::PresentScrollDown
            | Command::PresentBlank
            | Command::PresentCapture
            | Command::PresentNextField
            | Command::PresentPreviousField
            | Command::PresentVote
            | Command::PresentUnvote
            | Command::PresentEndRound
            | Command::PresentChooseLanes
            | Command::PresentTimer
            | Command::PresentInsights
            | Command::PresentTimerLess
            | Command::PresentTimerMore
            | Command::PresentHelp
            | Command::PresentExit => Scope::Present,
            Command::Fullscreen
            | Command::CommandPalette
            | Command::ShortcutHelp
            | Command::ToggleAudienceWindow
            | Command::ToggleHighContrast
            | Command::ToggleGlide
            | Command::ToggleRevealCurve
            | Command::ResetVotes
            | Command::Quit
            | Command::Undo
            | Command::Redo
            | Command::Save => Scope::Always,
            _ => Scope::Editor,
        }
    }

    /// Whether the command is offered and its keys work while presenting (`presenting`) or in
    /// the editor.
    pub fn works(self, presenting: bool) -> bool {
        match self.scope() {
            Scope::Always => true,
            Scope::Editor => !presenting,
            Scope::Present => presenting,
        }
    }

    /// Commands that act on the canvas and must not steal keys from a text field being typed in.
    pub fn needs_canvas_focus(self) -> bool {
        !matches!(
            self,
            Command::ZoomIn
                | Command::ZoomOut
                | Command::ZoomFit
                | Command::ZoomActual
                | Command::ToggleInspector
                | Command::ToggleInsights
                | Command::Fullscreen
                | Command::Present
                // Tab and Shift+Tab move a note being captured to another lane.
                | Command::PresentNextField
                | Command::PresentPreviousField
        )
    }

    /// The commands whose shortcut was pressed this frame (consuming the keys), among those
    /// that work in the editor or while `presenting`. Shortcuts with more modifiers are tried
    /// first, so Ctrl+Shift+Z is Redo and not Undo.
    pub fn pressed(ctx: &egui::Context, presenting: bool) -> Vec<Command> {
        let typing = ctx.text_edit_focused();
        let mut shortcuts: Vec<(Command, KeyboardShortcut)> = Self::ALL
            .iter()
            .filter(|c| c.works(presenting))
            .filter(|c| !(typing && c.needs_canvas_focus()))
            .flat_map(|&c| c.shortcuts().iter().map(move |s| (c, *s)))
            .collect();
        shortcuts.sort_by_key(|(_, s)| {
            let m = s.modifiers;
            std::cmp::Reverse(m.alt as u8 + m.shift as u8 + m.command as u8 + m.ctrl as u8)
        });
        let mut pressed = Vec::new();
        ctx.input_mut(|input| {
            // The window turns Ctrl+C and Ctrl+X into clipboard events rather than keys.
            if !typing {
                for event in &input.events {
                    match event {
                        egui::Event::Copy => pressed.push(Command::Copy),
                        egui::Event::Cut => pressed.push(Command::Cut),
                        _ => {}
                    }
                }
            }
            for (command, shortcut) in shortcuts {
                if input.consume_shortcut(&shortcut) && !pressed.contains(&command) {
                    pressed.push(command);
                }
            }
        });
        pressed
    }

    /// The shortcut as a menu shows it, e.g. `Ctrl+Shift+Z` or `Ctrl+=`.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts().first().map(|s| format_shortcut(ctx, s))
    }
}

/// A shortcut in words, with keys like `=` and `−` shown as themselves rather than named.
pub fn format_shortcut(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    let is_mac = ctx.os() == egui::os::OperatingSystem::Mac;
    let mut text = egui::ModifierNames::NAMES.format(&shortcut.modifiers, is_mac);
    if !text.is_empty() {
        text.push('+');
    }
    text.push_str(shortcut.logical_key.symbol_or_name());
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// In the editor, and while presenting, a key means one thing: the present-mode keys may
    /// reuse the editor's (N adds a note in both), never each other's or the always-on ones.
    #[test]
    fn no_two_commands_that_work_together_share_a_shortcut() {
        for presenting in [false, true] {
            let mut seen = HashSet::new();
            for command in Command::ALL.iter().filter(|c| c.works(presenting)) {
                for shortcut in command.shortcuts() {
                    assert!(
                        seen.insert(*shortcut),
                        "{command:?} reuses {shortcut:?} (presenting: {presenting})"
                    );
                }
            }
        }
        // Every present-mode key the issue of workshops asks for is in the table.
        let keys = |c: Command| {
            c.shortcuts()
                .iter()
                .map(|s| s.logical_key)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            keys(Command::PresentNext),
            [Key::ArrowRight, Key::PageDown, Key::Space]
        );
        assert_eq!(
            keys(Command::PresentPrevious),
            [Key::ArrowLeft, Key::PageUp]
        );
        assert_eq!(keys(Command::PresentBlank), [Key::B, Key::Period]);
        assert_eq!(keys(Command::Present), [Key::F5]);
        assert_eq!(keys(Command::Fullscreen), [Key::F11]);
    }

    #[test]
    fn every_command_has_words_and_a_tooltip_in_both_languages() {
        for command in Command::ALL {
            for &language in crate::i18n::Language::ALL {
                for key in [command.key().to_owned(), format!("{}.tip", command.key())] {
                    assert!(
                        crate::i18n::has_text(language, &key),
                        "{language:?} lacks {key}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_command_is_listed_once_with_words() {
        let set: HashSet<_> = Command::ALL.iter().collect();
        assert_eq!(set.len(), Command::ALL.len());
        for command in Command::ALL {
            assert!(!command.text().is_empty() && !command.tooltip().is_empty());
        }
    }
}
