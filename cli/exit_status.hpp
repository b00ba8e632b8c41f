#pragma once
// What each exit code of idx means, in one table: `idx --help` prints all of
// it, each `idx COMMAND --help` the rows of its command (README.md's table
// says the same for people reading the source).

#include <string>
#include <string_view>

namespace idx::cli {

// "Exit status:\n" and one line per code; an empty `command` gives every
// code with its meaning per command.
std::string exit_status_help(std::string_view command);

}  // namespace idx::cli
