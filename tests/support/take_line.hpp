#pragma once
// Reading a child's output line by line: the bytes read so far wait in a
// buffer until their line is complete.

#include <optional>
#include <string>

namespace idx::test {

// Removes the first complete line from `buffer` and returns it without its
// '\n'; nothing while the buffer holds no complete line.
inline std::optional<std::string> take_line(std::string& buffer) {
    const std::size_t newline = buffer.find('\n');
    if (newline == std::string::npos) return std::nullopt;
    std::string line = buffer.substr(0, newline);
    buffer.erase(0, newline + 1);
    return line;
}

}  // namespace idx::test
