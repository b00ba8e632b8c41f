#pragma once
// Markdown bodies, rendered with md4c the way a kramdown site shows them: the
// words a reader sees, as HTML for html_to_text(). Differences from md4c's own
// HTML renderer, each for a kramdown habit:
// - image alt text is text (the reader sees it when the image does not load;
//   it names what the image shows);
// - kramdown's inline attribute lists and extensions (`{:target="_blank"}`,
//   `{: .note}`, `{::options /}`, a heading's `{#id}`) and footnote markers
//   (`[^1]`) are not text;
// - Markdown inside raw HTML blocks is rendered (`<td>![alt](src)</td>`):
//   the text between the tags of a block, outside <pre>, <code>, <script> and
//   <style>, is Markdown again.
// Block-level kramdown syntax (definitions, `{:toc}`, comments) is handled
// before this by strip_kramdown_blocks().

#include <string>
#include <string_view>

namespace idx::indexer {

// True when most non-blank lines start with a tag (`<p>`, `</div>`, `<!--`)
// or lie inside a comment. Such a body is mostly HTML even in a `.md` file (a
// WordPress export): its indented lines are indented HTML, not code blocks
// that would show the tags as text, and blank lines do not end its elements.
bool is_mostly_html(std::string_view body);

struct MarkdownOptions {
    // The body is mostly HTML (is_mostly_html): it is read as one raw HTML
    // block, its tags and comments kept and only the text between them that
    // holds Markdown rendered, as kramdown reads HTML it finds in Markdown.
    bool mostly_html = false;
};

// Renders CommonMark with GitHub's extensions (tables, strikethrough,
// autolinks, task lists) to HTML as described above. Input must be valid UTF-8.
std::string markdown_to_html(std::string_view markdown, const MarkdownOptions& options = {});

// Removes kramdown's span-level extensions from a run of text: `{:…}` and
// `{::…}` attribute lists and extension tags, and footnote markers `[^label]`;
// in a heading (`heading` true), also a trailing `{#id}` or `{.class}`.
std::string strip_kramdown_spans(std::string_view text, bool heading);

}  // namespace idx::indexer
