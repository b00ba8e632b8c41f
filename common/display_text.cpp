#include "common/display_text.hpp"

#include <cstdint>

namespace idx {
namespace {

struct Decoded {
    char32_t code_point = 0;
    std::size_t length = 0;  // 0: not a valid UTF-8 sequence
};

Decoded decode_at(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return {lead, 1};
    std::size_t length = 0;
    std::uint32_t min = 0;
    std::uint32_t cp = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, min = 0x80, cp = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, min = 0x800, cp = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, min = 0x10000, cp = lead & 0x07u;
    } else {
        return {};
    }
    if (i + length > text.size()) return {};
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0u) != 0x80u) return {};
        cp = (cp << 6) | (byte(i + k) & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    return {static_cast<char32_t>(cp), length};
}

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
        const Decoded d = decode_at(utf8, i);
        const std::size_t length = d.length ? d.length : 1;
        const bool keep = d.length == 0 || !is_display_hazard(d.code_point) || d.code_point == '\t' ||
                          d.code_point == '\n';
        if (keep) out.append(utf8.substr(i, length));
        else out += ' ';
        i += length;
    }
    return out;
}

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const Decoded d = decode_at(text, i);
        if (d.length == 0) {
            append_escape(out, true, static_cast<unsigned char>(text[i]));
            ++i;
            continue;
        }
        if (!is_display_hazard(d.code_point)) out.append(text.substr(i, d.length));
        else if (d.code_point < 0x80) append_escape(out, true, static_cast<unsigned>(d.code_point));
        else append_escape(out, false, static_cast<unsigned>(d.code_point));
        i += d.length;
    }
    return out;
}

}  // namespace idx
