#pragma once
// kramdown's block-level extensions to Markdown, which md4c does not know,
// taken out of a Markdown body before it is rendered so that none of their
// syntax reaches the text a reader would see:
// - `{::comment}…{:/comment}` goes whole; `{::nomarkdown}` and other
//   extension tags lose their markers, keeping what they enclose;
// - a line that is only an attribute list (`{: .note}`, `{:toc}`, an ALD
//   `{:ref: .x}`) goes, and the one-item list before `{:toc}` with it
//   (kramdown puts the table of contents there: the headings, already text);
// - abbreviation definitions (`*[HTML]: Hyper Text…`) go: the page shows none;
// - a footnote definition (`[^1]: text`) keeps its text: the page shows it;
// - a reference definition whose url has unbalanced parentheses
//   (`[3]: http://x.org/a.html(and`) gets it in <…>: kramdown takes the url
//   whole, CommonMark would show the definition as text;
// - the end-of-block marker `^` alone on a line goes;
// - a line starting with an HTML comment (`<!-- more -->`) followed by text is
//   split after the comment, so the text is Markdown and not part of an HTML
//   block.
// Fenced code blocks are left as they are.

#include <string>
#include <string_view>

namespace idx::indexer {

std::string strip_kramdown_blocks(std::string_view markdown);

}  // namespace idx::indexer
