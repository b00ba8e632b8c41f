#pragma once
// UTF-8 repair. Posts come from many exporters; some bytes are not UTF-8.
// Everything that reaches the index, the stored text or JSON passes through
// here first, so later stages may assume valid UTF-8.

#include <string>
#include <string_view>

namespace idx {

// One code point read from UTF-8: its value and byte length; length 0 when
// the bytes at that place are not a valid sequence (stray continuation byte,
// truncated, overlong or surrogate encoding, past U+10FFFF).
struct DecodedCodePoint {
    char32_t code_point = 0;
    std::size_t length = 0;
};
DecodedCodePoint decode_utf8_at(std::string_view text, std::size_t i);

// Returns `in` with every invalid UTF-8 sequence (stray continuation bytes,
// truncated, overlong or surrogate encodings, code points past U+10FFFF)
// replaced by U+FFFD, and control characters other than tab, newline and
// carriage return (NUL, DEL, ...) replaced by a space.
std::string repair_utf8(std::string_view in);

// True when `in` is valid UTF-8 with no control characters but tab/CR/LF,
// i.e. when repair_utf8(in) == in. Cheap fast path for clean input.
bool is_clean_utf8(std::string_view in);

// Cuts `text` to at most `max_bytes` without splitting a UTF-8 sequence.
std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace idx
