//! Writing documents as `dateline/1` JSON: one object, an array, or JSON Lines.

use std::io::Write;

use clap::ValueEnum;
use dateline_core::Document;

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON value: the document, or an array when there are several.
    Json,
    /// One document per line.
    Jsonl,
    /// Like `json`, indented.
    Pretty,
    /// For reading in a terminal: metadata, events as sentences, quotes by speaker, entities,
    /// claims (the default when stdout is a terminal).
    Text,
    /// One line per event across all documents, aligned to the terminal's width.
    Table,
}

/// Streams documents in input order. For `json` and `pretty`, the first document is held back
/// until a second one shows whether the output is an object or an array.
pub struct DocumentWriter<W: Write> {
    out: W,
    format: Format,
    held: Option<Document>,
    written: usize,
    syntax: bool,
    style: crate::text_view::Style,
    width: usize,
    rows: Vec<[String; crate::text_view::TABLE_COLUMNS]>,
}

impl<W: Write> DocumentWriter<W> {
    pub fn new(out: W, format: Format) -> Self {
        DocumentWriter {
            out,
            format,
            held: None,
            written: 0,
            syntax: false,
            style: crate::text_view::Style::default(),
            width: 100,
            rows: Vec::new(),
        }
    }

    /// Colours and width of the `text` and `table` formats.
    #[must_use]
    pub fn with_view(mut self, style: crate::text_view::Style, width: usize) -> Self {
        self.style = style;
        self.width = width;
        self
    }

    /// Adds each document's tokens with their heads and relations (`--syntax`).
    #[must_use]
    pub fn with_syntax(mut self, syntax: bool) -> Self {
        self.syntax = syntax;
        self
    }

    fn write_one(&mut self, doc: &Document) -> anyhow::Result<()> {
        let pretty = self.format == Format::Pretty;
        doc.write_json_with(&mut self.out, pretty, self.syntax)?;
        Ok(())
    }

    fn separator(&mut self) -> std::io::Result<()> {
        match self.format {
            Format::Jsonl => writeln!(self.out),
            Format::Json => write!(self.out, ","),
            Format::Pretty => writeln!(self.out, ","),
            Format::Text | Format::Table => Ok(()),
        }
    }

    pub fn write(&mut self, doc: Document) -> anyhow::Result<()> {
        match self.format {
            Format::Text => {
                if self.written > 0 {
                    writeln!(self.out, "{}", "─".repeat(self.width.min(100)))?;
                }
                write!(
                    self.out,
                    "{}",
                    crate::text_view::render(&doc, &self.style, self.width)
                )?;
                self.written += 1;
                return Ok(());
            }
            Format::Table => {
                crate::text_view::render_table_rows(&doc, &mut self.rows);
                self.written += 1;
                return Ok(());
            }
            _ => {}
        }
        if self.format == Format::Jsonl {
            self.write_one(&doc)?;
            self.separator()?;
            self.written += 1;
            return Ok(());
        }
        if let Some(first) = self.held.take() {
            write!(self.out, "[")?;
            self.write_one(&first)?;
            self.written += 1;
        }
        if self.written == 0 {
            self.held = Some(doc);
            return Ok(());
        }
        self.separator()?;
        self.write_one(&doc)?;
        self.written += 1;
        Ok(())
    }

    pub fn finish(mut self) -> anyhow::Result<()> {
        if self.format == Format::Table {
            write!(
                self.out,
                "{}",
                crate::text_view::render_table(&self.rows, &self.style, self.width)
            )?;
        } else if let Some(only) = self.held.take() {
            self.write_one(&only)?;
            writeln!(self.out)?;
        } else if self.written > 0 && matches!(self.format, Format::Json | Format::Pretty) {
            writeln!(self.out, "]")?;
        }
        self.out.flush()?;
        Ok(())
    }
}

/// Prints a warning for what reading left on a document (bytes replaced in decoding, a date
/// that is no date), naming the input; the document is still processed.
pub fn warn_on_read(doc: &dateline_core::Document, bar: &indicatif::ProgressBar) {
    if crate::quiet() {
        return;
    }
    for note in doc
        .diagnostics
        .iter()
        .filter(|d| d.stage == "decode" || d.stage == "read")
    {
        #[allow(clippy::print_stderr)]
        bar.suspend(|| eprintln!("warning: {}: {}", doc.input_name(), note.message));
    }
}

/// A progress style with `{rate}`: documents per second as a whole number ("2,217/s").
pub fn with_rate(style: indicatif::ProgressStyle) -> indicatif::ProgressStyle {
    style.with_key(
        "rate",
        |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{}/s", thousands(state.per_sec()));
        },
    )
}

/// `n` rounded, with thousands separators: `2,217`.
#[allow(clippy::cast_sign_loss)] // clamped to 0 and up first
pub fn thousands(n: f64) -> String {
    dateline_core::group_thousands(n.max(0.0).round() as u64)
}
