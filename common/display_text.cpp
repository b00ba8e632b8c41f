#include "common/display_text.hpp"

#include "common/utf8.hpp"

#include <cstdint>

namespace idx {
namespace {

// `\x1b` for a byte, `\u202e` for a code point.
void append_escape(std::string& out, bool byte, unsigned value) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += byte ? "\\x" : "\\u";
    for (int shift = byte ? 4 : 12; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xFu];
}

}  // namespace

bool is_display_hazard(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

std::string neutralise_display_hazards(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        const DecodedCodePoint d = decode_utf8_at(utf8, i);
        const std::size_t length = d.length ? d.length : 1;
        const bool keep =
            d.length == 0 || !is_display_hazard(d.code_point) || d.code_point == '\t' || d.code_point == '\n';
        if (keep)
            out.append(utf8.substr(i, length));
        else
            out += ' ';
        i += length;
    }
    return out;
}

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const DecodedCodePoint d = decode_utf8_at(text, i);
        if (d.length == 0) {
            append_escape(out, true, static_cast<unsigned char>(text[i]));
            ++i;
            continue;
        }
        if (!is_display_hazard(d.code_point))
            out.append(text.substr(i, d.length));
        else if (d.code_point < 0x80)
            append_escape(out, true, static_cast<unsigned>(d.code_point));
        else
            append_escape(out, false, static_cast<unsigned>(d.code_point));
        i += d.length;
    }
    return out;
}

}  // namespace idx
