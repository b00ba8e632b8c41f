#pragma once
// Markdown bodies. Many `.md` posts (WordPress exports among them) hold HTML;
// only bodies that are not mostly HTML are rendered with md4c.

#include <string>
#include <string_view>

namespace idx::indexer {

// True when most non-blank lines start with a tag (`<p>`, `</div>`, `<!--`).
// Such a body is HTML even in a `.md` file: as Markdown, its indented lines
// would turn into code blocks showing the tags as text.
bool is_mostly_html(std::string_view body);

// Renders CommonMark with GitHub's extensions (tables, strikethrough,
// autolinks, task lists) to HTML. Input must be valid UTF-8.
std::string markdown_to_html(std::string_view markdown);

}  // namespace idx::indexer
