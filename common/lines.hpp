#pragma once
// Newline-separated lists, the form idx keeps lists in database metadata.

#include <string>
#include <string_view>
#include <vector>

namespace idx {

// The non-empty pieces of `text` between `separator`s.
std::vector<std::string> split_nonempty(std::string_view text, char separator);

// The non-empty lines of `text`.
std::vector<std::string> split_lines(std::string_view text);

// Each item followed by a newline.
std::string join_lines(const std::vector<std::string>& items);

}  // namespace idx
