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
