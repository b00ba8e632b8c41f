#pragma once
// cxxopts for every subcommand. Vector options must keep their commas
// (`--author "Smith, John"` is one author), so the vector delimiter is set to
// a byte that never occurs in an argument; this header is the only place
// that includes cxxopts, so every translation unit agrees on it.

#define CXXOPTS_VECTOR_DELIMITER '\0'
#include <cxxopts.hpp>
