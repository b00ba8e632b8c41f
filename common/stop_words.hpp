#pragma once
// Built-in stop word lists. Queries drop these words (unless quoted in a
// phrase). The indexer indexes them like every other word, stemmed, so
// phrases with them still match, and leaves their stems out of the
// exact-title term.

#include <string>
#include <string_view>
#include <vector>

namespace idx {

// The built-in list for a Snowball language name; empty for languages without one.
std::vector<std::string> builtin_stop_words(std::string_view language);

}  // namespace idx
