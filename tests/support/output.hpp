#pragma once
// Comparing what idx prints: masked of what changes from run to run, in lines.

#include <filesystem>
#include <string>
#include <vector>

namespace idx::test {

// Replaces `12.34 s` durations, ISO UTC times and every occurrence of `dir`
// with fixed marks, so outputs can be compared whole.
std::string mask(std::string text, const std::filesystem::path& dir = {});

// The lines of `text`, without their '\n'.
std::vector<std::string> lines(const std::string& text);

}  // namespace idx::test
