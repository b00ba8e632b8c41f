#pragma once
// cxxopts for every subcommand. Vector options must keep their commas
// (`--author "Smith, John"` is one author), so the vector delimiter is set to
// a byte that never occurs in an argument; this header is the only place
// that includes cxxopts, so every translation unit agrees on its settings.

#define CXXOPTS_VECTOR_DELIMITER '\0'
// cxxopts' hand-written option parsing instead of its std::regex one:
// compiling those regexes took 17 M of the 26 M instructions of a whole
// `idx search` process (callgrind), i.e. most of its start-up time.
#define CXXOPTS_NO_REGEX true
#include <cxxopts.hpp>

#include <string>
#include <vector>

namespace idx::cli {

// Positional arguments are options cxxopts must know by name (`--query`,
// `--paths`); they go in this group, which help_text() leaves out.
inline constexpr const char* kPositionalGroup = "positional";

// A subcommand's --help: every option group but the positional one.
inline std::string help_text(const cxxopts::Options& options) {
    std::vector<std::string> groups = options.groups();
    std::erase(groups, std::string(kPositionalGroup));
    return options.help(groups);
}

}  // namespace idx::cli
