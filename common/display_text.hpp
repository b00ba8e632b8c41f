#pragma once
// Text that a person will see. File names, front matter and error messages
// come from whoever writes the posts; printed raw, ESC and CSI sequences
// retitle or clear a terminal, a newline forges a line of cron mail, and a
// bidi override shows text in another order than it is stored. These are
// the one definition of what is dangerous to show, and of how it is shown.

#include <string>
#include <string_view>

namespace idx {

// C0 controls (tab and newline included) and DEL; the C1 controls
// U+0080-U+009F (single-code-point CSI, OSC, NEL); the bidi embeddings,
// overrides and isolates U+202A-U+202E and U+2066-U+2069.
bool is_display_hazard(char32_t code_point);

// For stored fields (titles, authors, urls, ...): valid UTF-8 in, every
// hazard but tab and newline replaced by a space. Clean text comes back as is.
std::string neutralise_display_hazards(std::string_view utf8);

// For printing to a terminal or cron mail: each hazard and each byte that is
// not valid UTF-8 shown as an escape (`\x1b`, `\u202e`), the rest unchanged.
// Use on every field that did not come from idx itself. JSON output does not
// need it: its printer escapes controls and keeps text exact.
std::string terminal_safe(std::string_view text);

}  // namespace idx
