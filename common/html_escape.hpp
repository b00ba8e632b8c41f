#pragma once
// Text put into HTML: the snippet of a JSON result (shown in a page) and the
// text runs of the HTML that markdown.cpp writes for html_to_text.

#include <string>
#include <string_view>

namespace idx {

// Appends `text` with & < > " ' escaped, so it stays text in an element or
// an attribute value.
void append_html_escaped(std::string& out, std::string_view text);
std::string escape_html(std::string_view text);

}  // namespace idx
