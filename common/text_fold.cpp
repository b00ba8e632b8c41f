#include "common/text_fold.hpp"

#include <xapian.h>

#include <array>

namespace idx {
namespace {

#include "common/fold_table.inc"

constexpr char32_t kFirstLatin = 0x00C0;
constexpr char32_t kFirstExtendedAdditional = 0x1E00;

// The accent-free spelling of `cp`, or empty when it has none.
std::string_view folded(char32_t cp) {
    if (cp >= kFirstLatin && cp < kFirstLatin + kFold00C0.size()) return kFold00C0[cp - kFirstLatin];
    if (cp >= kFirstExtendedAdditional && cp < kFirstExtendedAdditional + kFold1E00.size())
        return kFold1E00[cp - kFirstExtendedAdditional];
    return {};
}

// Lead bytes of U+00C0..U+027F (two-byte sequences) and of U+1E00..U+1EFF
// (0xE1 then 0xB8..0xBB).
bool latin_lead(std::string_view text, std::size_t i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b >= 0xC3 && b <= 0xC9) return true;
    if (b != 0xE1 || i + 1 >= text.size()) return false;
    const auto next = static_cast<unsigned char>(text[i + 1]);
    return next >= 0xB8 && next <= 0xBB;
}

bool is_blank(unsigned cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0;
}

}  // namespace

bool has_accents(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i)
        if (latin_lead(text, i)) return true;
    return false;
}

std::string fold_accents(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (!latin_lead(text, i)) {
            out += text[i++];
            continue;
        }
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead == 0xE1 ? 3 : 2;
        if (i + length > text.size()) {  // cut sequence: keep its bytes
            out.append(text.substr(i));
            break;
        }
        char32_t cp = 0;
        if (length == 2)
            cp = ((lead & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
        else
            cp = ((lead & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                 (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
        const std::string_view plain = folded(cp);
        if (plain.empty())
            out.append(text.substr(i, length));
        else
            out.append(plain);
        i += length;
    }
    return out;
}

std::string label_key(std::string_view label) {
    const std::string plain = fold_accents(label);
    std::string out;
    out.reserve(plain.size());
    bool pending_blank = false;
    for (Xapian::Utf8Iterator it(plain); it != Xapian::Utf8Iterator(); ++it) {
        const unsigned cp = *it;
        if (is_blank(cp)) {
            pending_blank = !out.empty();
            continue;
        }
        if (pending_blank) out += ' ';
        pending_blank = false;
        Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(cp));
    }
    return out;
}

}  // namespace idx
